using Polly;
using Polly.Retry;

namespace Hearth.Dns.Providers;

/// <summary>
/// The retry policy of the HTTP providers' API calls: transient failures (of the type given) are tried
/// again with jittered exponential backoff, or after the server's Retry-After, never longer than the maximum delay.
/// </summary>
internal static class ApiRetryPipeline
{
    public static ResiliencePipeline Build<TTransient>(int retries, TimeSpan delay, TimeSpan maxDelay, Func<TTransient, TimeSpan?> retryAfter)
        where TTransient : Exception =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<TTransient>(),
                MaxRetryAttempts = Math.Max(retries, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = delay,
                MaxDelay = maxDelay,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is TTransient transient && retryAfter(transient) is { } after
                    ? (TimeSpan?)(after < maxDelay ? after : maxDelay)
                    : null),
            })
            .Build();
}
