using Hearth.Core.State;
using Hearth.Storage.S3;
using Hearth.Testing.S3;

namespace Hearth.Storage.Tests.S3;

public sealed class S3VersionedLockContentionTests : IAsyncLifetime
{
    private const string Bucket = "hearth-state";
    private const int Clients = 8;
    private const int Rounds = 20;
    private FakeS3Server _fake = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeS3Server.StartAsync();
        _fake.ConditionalWrites = FakeS3ConditionalWrites.NotImplemented;
        _fake.CreateBucket(Bucket, versioned: true);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Of_eight_clients_racing_for_the_versioned_lock_exactly_one_wins_each_of_twenty_rounds()
    {
        var options = S3TestOptions.OnFake(_fake, Bucket, S3LockMode.Versioned);
        var clients = Enumerable.Range(0, Clients).Select(_ => S3RemoteState.Connect(options, S3LockMode.Versioned)).ToArray();
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                var infos = clients.Select(_ => LockInfo.ForCurrentProcess("apply", options.Location, "test")).ToArray();
                using var start = new ManualResetEventSlim();
                var attempts = clients.Select((c, i) => Task.Run(async () =>
                {
                    start.Wait();
                    return await c.Lock.TryAcquireAsync(infos[i], CancellationToken.None);
                })).ToArray();
                start.Set();
                var results = await Task.WhenAll(attempts);

                var winner = Assert.Single(Enumerable.Range(0, Clients), i => results[i] is null);
                Assert.All(results.Where(r => r is not null), seen => Assert.Equal(infos[winner].Id, seen!.Id));
                Assert.Single(_fake.Versions(Bucket, options.Key + ".lock"));
                Assert.Equal(infos[winner], await clients[(winner + 1) % Clients].Lock.GetHolderAsync(CancellationToken.None));

                await clients[winner].Lock.ReleaseAsync(infos[winner], CancellationToken.None);
                Assert.Empty(_fake.Versions(Bucket, options.Key + ".lock"));
            }
        }
        finally
        {
            foreach (var client in clients)
                client.Dispose();
        }
    }

    [Fact]
    public async Task With_lost_answers_dropped_connections_and_throttling_no_two_clients_ever_hold_the_versioned_lock_and_nothing_is_left_behind()
    {
        var options = S3TestOptions.OnFake(_fake, Bucket, S3LockMode.Versioned);
        var lockKey = options.Key + ".lock";
        var clients = Enumerable.Range(0, 4).Select(_ => S3RemoteState.Connect(options, S3LockMode.Versioned)).ToArray();
        _fake.FailRandomly(0.05, seed: 7);
        var rounds = 0;
        var won = 0;
        try
        {
            for (var round = 0; round < 8; round++, rounds++)
            {
                var infos = clients.Select(_ => LockInfo.ForCurrentProcess("apply", options.Location, "test")).ToArray();
                var results = await Task.WhenAll(clients.Select((c, i) => AttemptAsync(c, infos[i])));

                var winners = Enumerable.Range(0, clients.Length).Where(i => results[i].Won).ToArray();
                Assert.True(winners.Length <= 1, $"round {round}: {winners.Length} clients hold the lock at once");
                foreach (var winner in winners)
                {
                    won++;
                    await clients[winner].Lock.ReleaseAsync(infos[winner], CancellationToken.None);
                }
            }
        }
        finally
        {
            _fake.FailRandomly(0, seed: 0);
            foreach (var client in clients)
                client.Dispose();
        }

        Assert.True(_fake.RandomFaults > 0, "no fault was injected");
        Assert.True(won > 0, $"no client took the lock in {rounds} rounds");
        Assert.Empty(_fake.Versions(Bucket, lockKey));
    }

    /// <summary>One attempt; a failure the SDK's retries could not hide counts as not winning (the lock is then not held by it).</summary>
    private static async Task<(bool Won, LockInfo? Seen)> AttemptAsync(S3RemoteState client, LockInfo info)
    {
        try
        {
            var seen = await client.Lock.TryAcquireAsync(info, CancellationToken.None);
            return (seen is null, seen);
        }
        catch (Hearth.Core.Diagnostics.StateException)
        {
            return (false, null);
        }
    }
}
