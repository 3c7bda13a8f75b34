using Hearth.Testing;
using Hearth.Testing.B2;

namespace Hearth.Cli.Tests.Processes.StateBackends;

/// <summary>The fake B2 native API served on a loopback port, so real `hearth` processes keep their state in it; each trial takes a bucket.</summary>
public sealed class FakeB2ProcessFixture : IAsyncLifetime, IAsyncDisposable
{
    private readonly FakeB2 _fake = new();
    private HttpHandlerHost? _host;
    private int _buckets;

    public Task InitializeAsync()
    {
        _host = new HttpHandlerHost(_fake);
        _fake.Origin = _host.Origin;
        return Task.CompletedTask;
    }

    public StateLocation NewLocation()
    {
        var bucket = $"hearth-state-{Interlocked.Increment(ref _buckets)}";
        _fake.AddBucket(bucket);
        return new StateLocation($$"""
            state:
              backend: b2
              bucket: {{bucket}}
              key: home/state.json
              application_key_id: "{{_fake.MasterKey.ApplicationKeyId}}"
              application_key: "{{_fake.MasterKey.ApplicationKey}}"
              endpoint: "{{_host!.Origin}}"
              lock_settle_delay: 0.6
            """, LockOutlivesProcess: true);
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task DisposeAsync()
    {
        if (_host is null)
            return; // Disposed already: xunit may call both DisposeAsync methods.
        await _host.DisposeAsync();
        _host = null;
        _fake.Dispose();
    }
}
