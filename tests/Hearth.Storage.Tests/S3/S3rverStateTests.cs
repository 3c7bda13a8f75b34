using System.Text;
using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Core.State.Remote;
using Hearth.Storage.S3;
using Hearth.Testing.S3;

namespace Hearth.Storage.Tests.S3;

/// <summary>
/// The S3 backend against a real S3-compatible server. s3rver 3.7.1 ignores conditional writes (200 and overwrite)
/// and answers 501 to GetBucketVersioning, so it can keep neither lock: <c>lock: auto</c> must find that out and
/// refuse, and the storage itself is checked with <c>lock: none</c>.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class S3rverStateTests(S3rverServer server)
{
    private static CancellationToken Token => CancellationToken.None;

    [Fact]
    public async Task Auto_finds_that_s3rver_ignores_conditional_writes_and_keeps_no_versions_and_refuses()
    {
        var options = S3TestOptions.OnS3rver(server, S3LockMode.Auto);

        var refused = await Assert.ThrowsAsync<StateException>(() => S3RemoteState.OpenAsync(options, Token));

        Assert.Contains("ignores conditional writes", refused.Message, StringComparison.Ordinal);
        Assert.Contains("does not keep versions", refused.Message, StringComparison.Ordinal);
        Assert.Contains("lock: none", refused.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain(server.StoredFiles(), f => f.Contains(".probe-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lock_versioned_is_refused_because_s3rver_has_no_bucket_versioning()
    {
        var refused = await Assert.ThrowsAsync<StateException>(() => S3RemoteState.OpenAsync(S3TestOptions.OnS3rver(server, S3LockMode.Versioned), Token));

        Assert.Contains("versioning is not enabled", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_key_reads_as_nothing()
    {
        using var state = await S3RemoteState.OpenAsync(S3TestOptions.OnS3rver(server, S3LockMode.None), Token);

        Assert.Null(await state.Store.ReadAsync(Token));
        Assert.NotNull(state.Warning);
    }

    [Fact]
    public async Task What_one_run_writes_the_next_reads_with_the_etag_the_write_returned()
    {
        var options = S3TestOptions.OnS3rver(server, S3LockMode.None);
        using var writer = await S3RemoteState.OpenAsync(options, Token);
        using var reader = await S3RemoteState.OpenAsync(options, Token);
        var content = Encoding.UTF8.GetBytes("{\"lineage\":\"x\",\"serial\":1}" + new string('r', 200_000));

        var first = await writer.Store.WriteAsync("one"u8.ToArray(), null, Token);
        var second = await writer.Store.WriteAsync(content, first, Token);
        var read = await reader.Store.ReadAsync(Token);

        Assert.NotNull(read);
        Assert.Equal(content, read.Content);
        Assert.Equal(second, read.Version);
        Assert.NotEqual(first, second);
        Assert.Contains(server.StoredFiles(), f => f.StartsWith(options.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_compare_and_swap_a_write_naming_a_stale_version_is_still_caught_by_the_check_before_it()
    {
        var options = S3TestOptions.OnS3rver(server, S3LockMode.None);
        using var mine = await S3RemoteState.OpenAsync(options, Token);
        using var theirs = await S3RemoteState.OpenAsync(options, Token);
        var first = await mine.Store.WriteAsync("one"u8.ToArray(), null, Token);
        await theirs.Store.WriteAsync("newer"u8.ToArray(), first, Token);

        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => mine.Store.WriteAsync("stale"u8.ToArray(), first, Token));

        Assert.Equal(first, conflict.ExpectedVersion);
        Assert.Equal("newer"u8.ToArray(), (await mine.Store.ReadAsync(Token))!.Content);
    }

    [Fact]
    public async Task Lock_none_cannot_be_force_unlocked_and_says_why()
    {
        using var state = await S3RemoteState.OpenAsync(S3TestOptions.OnS3rver(server, S3LockMode.None), Token);

        Assert.Null(await state.Lock.TryAcquireAsync(LockInfo.ForCurrentProcess("apply", "x", "test"), Token));
        var refused = await Assert.ThrowsAsync<StateException>(() => state.Lock.ForceReleaseAsync("any", Token));
        Assert.Contains("lock: none", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_access_key_is_refused_without_printing_the_secret()
    {
        var secret = "s3rver-secret-never-shown-71c2";
        var options = S3TestOptions.OnS3rver(server, S3LockMode.None) with { AccessKey = "NOT-S3RVER", SecretKey = secret };
        using var state = await S3RemoteState.OpenAsync(options, Token);

        var failed = await Assert.ThrowsAsync<StateException>(() => state.Store.ReadAsync(Token));

        Assert.Contains("access key", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, failed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, failed.Hint ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_bucket_is_reported_as_missing()
    {
        var options = S3TestOptions.OnS3rver(server, S3LockMode.None) with { Bucket = "no-such-bucket" };
        using var state = await S3RemoteState.OpenAsync(options, Token);

        var failed = await Assert.ThrowsAsync<StateException>(() => state.Store.ReadAsync(Token));

        Assert.Contains("does not exist", failed.Message, StringComparison.Ordinal);
    }
}
