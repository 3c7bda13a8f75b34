using Polly;
using Polly.Retry;

namespace Hearth.Storage.B2;

/// <summary>
/// The retry policy of B2 calls: <see cref="B2TransientException"/>s are tried again with jittered exponential
/// backoff, or after the server's Retry-After, never longer than the maximum delay; at most <c>retries</c> times.
/// (The same shape as the DNS providers' policy, which lives in Hearth.Dns and so cannot be shared from here.)
/// </summary>
internal static class B2RetryPipeline
{
    public static ResiliencePipeline Build(int retries, TimeSpan delay, TimeSpan maxDelay, TimeProvider time) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<B2TransientException>(),
                MaxRetryAttempts = Math.Max(retries, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = delay,
                MaxDelay = maxDelay,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is B2TransientException { RetryAfter: { } after }
                    ? (TimeSpan?)(after < maxDelay ? after : maxDelay)
                    : null),
            })
            .Build();
}
