using Hearth.Storage.Postgres;

namespace Hearth.Storage.Tests.Postgres;

public sealed class AdvisoryLockKeyTests
{
    [Fact]
    public void The_lock_key_is_the_first_eight_bytes_of_sha256_so_every_process_computes_the_same()
    {
        // Pinned: a change here makes old and new versions of hearth take different locks on one lab.
        Assert.Equal(-5544794625387392874L, AdvisoryLockKey.StateLock("hearth", "default").Value);
    }

    [Fact]
    public void Schema_and_workspace_boundaries_and_purposes_give_different_keys()
    {
        var keys = new[]
        {
            AdvisoryLockKey.StateLock("ab", "c"),
            AdvisoryLockKey.StateLock("a", "bc"),
            AdvisoryLockKey.LockGate("ab", "c"),
            AdvisoryLockKey.SchemaCreation("ab"),
        };
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Fact]
    public void The_halves_are_what_pg_locks_shows_for_a_bigint_key()
    {
        var key = new AdvisoryLockKey(unchecked((long)0x8000_0001_FFFF_FFFEUL));
        Assert.Equal(0x8000_0001u, key.ClassId);
        Assert.Equal(0xFFFF_FFFEu, key.ObjectId);
    }
}
