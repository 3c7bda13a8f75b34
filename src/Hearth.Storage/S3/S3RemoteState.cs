using Amazon.S3;
using Hearth.Core.Diagnostics;
using Hearth.Core.State.Remote;
using Hearth.Storage.Locking;

namespace Hearth.Storage.S3;

/// <summary>
/// The S3 state backend's store and lock for one run, made from the lab's <c>state:</c> section by
/// <see cref="OpenAsync"/>, which settles <c>lock: auto</c> with one probe. Dispose it when the run ends.
/// </summary>
public sealed class S3RemoteState : IDisposable
{
    private readonly AmazonS3Client _client;

    private S3RemoteState(AmazonS3Client client, S3StateOptions options, S3LockMode lockMode)
    {
        _client = client;
        Options = options;
        LockMode = lockMode;
        Store = new S3StateStore(client, options, comparesAndSwaps: lockMode == S3LockMode.Conditional);
        switch (lockMode)
        {
            case S3LockMode.Conditional:
                Lock = new S3ConditionalLock(client, options);
                break;
            case S3LockMode.Versioned:
                Lock = new VersionedLock(new S3ObjectVersions(client, options, options.Key + ".lock"), options.Location, options.VersionedLockSettleDelay);
                break;
            case S3LockMode.None:
                var none = new NoStateLock(options.Location);
                Lock = none;
                Warning = none.Warning;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(lockMode), lockMode, "a resolved lock mode is conditional, versioned or none");
        }
    }

    public S3StateOptions Options { get; }

    /// <summary>The lock protocol in use: <see cref="S3StateOptions.Lock"/>, or what <c>auto</c> chose.</summary>
    public S3LockMode LockMode { get; }

    /// <summary>Where the state's bytes go; compare-and-swap on the ETag where <see cref="LockMode"/> is conditional.</summary>
    public IRemoteStateStore Store { get; }

    public IRemoteStateLock Lock { get; }

    /// <summary>What to tell the user on every run, when the configuration is unsafe (<c>lock: none</c>); otherwise null.</summary>
    public string? Warning { get; }

    /// <summary>
    /// Connects to the bucket and settles the lock protocol: <c>auto</c> probes the server once (two tiny
    /// conditional uploads and a versioning query); <c>versioned</c> checks the bucket keeps versions.
    /// </summary>
    /// <exception cref="StateException">
    /// The options are incomplete, the bucket is missing or refuses the key, the endpoint cannot be reached, or the server can lock neither way
    /// (conditional writes ignored or not implemented, and no bucket versioning).
    /// </exception>
    public static async Task<S3RemoteState> OpenAsync(S3StateOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var client = S3ClientFactory.Create(options);
        try
        {
            var mode = await ResolveLockModeAsync(client, options, cancellationToken);
            return new S3RemoteState(client, options, mode);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>A client on a lock mode already known (<see cref="S3LockMode.Auto"/> is not), without probing.</summary>
    internal static S3RemoteState Connect(S3StateOptions options, S3LockMode lockMode)
    {
        options.Validate();
        return new S3RemoteState(S3ClientFactory.Create(options), options, lockMode);
    }

    /// <summary>The SDK client, for tests that look below the store and lock.</summary>
    internal IAmazonS3 Client => _client;

    public void Dispose() => _client.Dispose();

    private static async Task<S3LockMode> ResolveLockModeAsync(IAmazonS3 client, S3StateOptions options, CancellationToken cancellationToken)
    {
        var probe = new S3LockProbe(client, options);
        switch (options.Lock)
        {
            case S3LockMode.Conditional or S3LockMode.None:
                return options.Lock;
            case S3LockMode.Versioned:
                if (!await probe.VersioningEnabledAsync(cancellationToken))
                {
                    throw new StateException($"lock: versioned needs a versioned bucket, and versioning is not enabled on bucket {options.Bucket} at {options.EndpointText}",
                        "enable versioning on the bucket, or choose another state.lock");
                }
                return S3LockMode.Versioned;
        }
        var conditional = await probe.ConditionalWritesAsync(cancellationToken);
        if (conditional == S3ConditionalWrites.Honoured)
            return S3LockMode.Conditional;
        if (await probe.VersioningEnabledAsync(cancellationToken))
            return S3LockMode.Versioned;
        var what = conditional == S3ConditionalWrites.NotImplemented
            ? "answers 501 NotImplemented to conditional writes (If-None-Match)"
            : "ignores conditional writes (it overwrote an existing object despite If-None-Match: *)";
        throw new StateException(
            $"{options.EndpointText} cannot lock the state in bucket {options.Bucket}: it {what}, and the bucket does not keep versions",
            "enable versioning on the bucket so Hearth can use its versioned lock protocol, or set `lock: none` in the lab's state section " +
            "to run without a lock at your own risk (never two runs at once)");
    }
}
