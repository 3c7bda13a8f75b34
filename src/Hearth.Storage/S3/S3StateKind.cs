using Hearth.Core.Diagnostics;
using Hearth.Core.State.Remote;
using Hearth.Core.Values;
using Hearth.Storage.Locking;
using Hearth.Storage.State;

namespace Hearth.Storage.S3;

/// <summary>
/// <c>state: { backend: s3, bucket, key, region, endpoint, path_style, access_key, secret_key, lock }</c>: any
/// S3-compatible service. <c>lock: auto</c> probes the service once per run for the lock it supports.
/// </summary>
public sealed class S3StateKind : IRemoteStateKind
{
    public string Backend => "s3";

    public IReadOnlyList<string> Settings { get; } = ["bucket", "key", "region", "endpoint", "path_style", "access_key", "secret_key", "lock", "lock_settle_delay"];

    public async Task<RemoteStateConnection> ConnectAsync(MapValue settings, CancellationToken cancellationToken)
    {
        var reader = new StateSettingsReader(Backend, settings);
        var options = new S3StateOptions(reader.Required("bucket"), reader.Required("key"), reader.Optional("region") ?? "us-east-1")
        {
            Endpoint = reader.Optional("endpoint") is { } endpoint ? ParseEndpoint(endpoint) : null,
            PathStyle = reader.Flag("path_style", false),
            AccessKey = reader.Optional("access_key"),
            SecretKey = reader.Optional("secret_key"),
            VersionedLockSettleDelay = reader.Seconds("lock_settle_delay", VersionedLock.DefaultSettleDelay),
            Lock = reader.Optional("lock") switch
            {
                null or "auto" => S3LockMode.Auto,
                "conditional" => S3LockMode.Conditional,
                "versioned" => S3LockMode.Versioned,
                "none" => S3LockMode.None,
                var other => throw new StateException($"state.lock must be auto, conditional, versioned or none, not `{other}`",
                    "auto (the default) finds out what the service supports"),
            },
        };
        var remote = await S3RemoteState.OpenAsync(options, cancellationToken);
        return new RemoteStateConnection(remote.Store, remote.Lock, remote.Warning);
    }

    private static Uri ParseEndpoint(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new StateException($"state.endpoint `{text}` is not an http(s) URL", "e.g. endpoint: https://s3.us-west-004.backblazeb2.com");
}
