using Hearth.Testing.S3;

namespace Hearth.Cli.Tests.Processes.StateBackends;

/// <summary>
/// A fake S3 service that answers 501 to conditional writes, as B2's S3 endpoint does, with versioned buckets: the
/// case where Hearth must find out by itself that only the versioned lock protocol works. Each trial takes a bucket.
/// </summary>
public sealed class FakeS3ProcessFixture : IAsyncLifetime
{
    private FakeS3Server? _server;
    private int _buckets;

    public async Task InitializeAsync()
    {
        _server = await FakeS3Server.StartAsync();
        _server.ConditionalWrites = FakeS3ConditionalWrites.NotImplemented;
    }

    public StateLocation NewLocation()
    {
        var bucket = $"state-{Interlocked.Increment(ref _buckets)}";
        _server!.CreateBucket(bucket, versioned: true);
        return new StateLocation($$"""
            state:
              backend: s3
              bucket: {{bucket}}
              key: home/state.json
              region: {{FakeS3Server.Region}}
              endpoint: "{{_server.Endpoint}}"
              path_style: true
              access_key: {{FakeS3Server.AccessKey}}
              secret_key: {{FakeS3Server.SecretKey}}
              lock_settle_delay: 0.6
            """, LockOutlivesProcess: true);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
