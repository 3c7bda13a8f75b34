using Hearth.Core.Diagnostics;

namespace Hearth.Storage.S3;

/// <summary>
/// The lab's <c>state:</c> section for <c>backend: s3</c>, with <c>${secret:…}</c> values already resolved.
/// <see cref="ToString"/> never shows <see cref="SecretKey"/>.
/// </summary>
/// <param name="Bucket">The bucket the state lives in.</param>
/// <param name="Key">The state object's key; the lock object is <c>&lt;key&gt;.lock</c> next to it.</param>
/// <param name="Region">The signing region (for B2 the <c>us-west-004</c> part of the endpoint).</param>
public sealed record S3StateOptions(string Bucket, string Key, string Region)
{
    /// <summary>The S3 endpoint (<c>https://s3.us-west-004.backblazeb2.com</c>); null means AWS S3 in <see cref="Region"/>.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Address buckets as <c>https://host/bucket/key</c> instead of <c>https://bucket.host/key</c>.</summary>
    public bool PathStyle { get; init; }

    /// <summary>The access key ID; null with <see cref="SecretKey"/> null uses the AWS SDK's default credentials (environment, profile).</summary>
    public string? AccessKey { get; init; }

    /// <summary>The secret access key; never printed.</summary>
    public string? SecretKey { get; init; }

    public S3LockMode Lock { get; init; } = S3LockMode.Auto;

    /// <summary>
    /// How many times the AWS SDK retries one request that failed transiently (5xx, 503 SlowDown, a dropped
    /// connection), with its standard capped exponential backoff: bounded so a dead endpoint fails in seconds.
    /// </summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>How long one request may take before it counts as failed (and is retried).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The versioned lock's settle delay: a contender that finds its version earliest looks again after this long,
    /// and one whose upload took longer gives up. See docs/state.md (the versioned lock) for why this bounds the race; the lab sets it as state.lock_settle_delay.
    /// </summary>
    public TimeSpan VersionedLockSettleDelay { get; init; } = Locking.VersionedLock.DefaultSettleDelay;

    /// <summary>Where the state is, for messages: <c>s3 bucket hearth-state, key home/state.json at https://…</c>.</summary>
    public string Location => $"s3 bucket {Bucket}, key {Key} at {EndpointText}";

    /// <summary>The endpoint as messages name it.</summary>
    public string EndpointText => Endpoint?.ToString().TrimEnd('/') ?? $"AWS S3 ({Region})";

    /// <summary>Checks the options before any request, reporting every problem at once.</summary>
    /// <exception cref="StateException">Something required is missing or out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Bucket))
            problems.Add("state.bucket is empty");
        if (string.IsNullOrWhiteSpace(Key))
            problems.Add("state.key is empty");
        if (string.IsNullOrWhiteSpace(Region))
            problems.Add("state.region is empty (for B2, the region in the endpoint, e.g. us-west-004)");
        if (Endpoint is { } endpoint && endpoint.Scheme is not ("https" or "http"))
            problems.Add($"state.endpoint {endpoint} is not an http(s) address");
        if ((AccessKey is null) != (SecretKey is null))
            problems.Add("state.access_key and state.secret_key go together: set both, or neither to use the AWS default credentials");
        if (MaxRetries is < 0 or > 20)
            problems.Add($"the retry count {MaxRetries} is outside 0–20");
        if (VersionedLockSettleDelay <= TimeSpan.Zero)
            problems.Add("the versioned lock's settle delay must be positive");
        if (problems.Count > 0)
            throw new StateException($"the s3 state settings are incomplete: {string.Join("; ", problems)}", "correct the lab's state section");
    }

    public override string ToString() =>
        $"S3StateOptions {{ Bucket = {Bucket}, Key = {Key}, Region = {Region}, Endpoint = {EndpointText}, PathStyle = {PathStyle}, " +
        $"AccessKey = {AccessKey ?? "(default credentials)"}, SecretKey = {(SecretKey is null ? "(none)" : "(sensitive)")}, Lock = {Lock} }}";
}
