using Hearth.Core.Diagnostics;
using Hearth.Core.State.Remote;

namespace Hearth.Core.Tests.State.Remote;

public sealed partial class RemoteStateBackendTests
{
    [Fact]
    public async Task With_encryption_on_no_resource_name_or_attribute_value_reaches_the_store()
    {
        var encryption = new ReversibleTestEncryption();
        var backend = Backend(encryption);
        await using (var session = await OpenAsync(backend))
        {
            await session.RecordAsync(Put("data.kitchen_light", "hunter2-attribute-value"), Token);
            await session.RecordAsync(Put("dns_record.nas", "192.0.2.77"), Token);
        }
        await using (var session = await OpenAsync(backend))
            await session.ReplaceAsync(session.Current with { Serial = session.Current.Serial + 1 }, Token);

        Assert.Equal(2, _remote.Writes.Count);
        Assert.All(_remote.Writes, written =>
        {
            Assert.True(encryption.IsEncrypted(written));
            foreach (var plaintext in new[] { "kitchen_light", "hunter2-attribute-value", "dns_record", "192.0.2.77", "lineage" })
                Assert.False(ReversibleTestEncryption.Contains(written, plaintext), $"the store received `{plaintext}` in plaintext");
        });
        Assert.Equal("192.0.2.77", ValueOf((await backend.ReadAsync(Token))!, "dns_record.nas"));
    }

    [Fact]
    public async Task With_encryption_on_the_errored_state_is_encrypted_and_still_pushable()
    {
        var encryption = new ReversibleTestEncryption();
        var session = await OpenAsync(Backend(encryption));
        await session.RecordAsync(Put("data.secretive", "hunter2"), Token);
        _remote.FailNextWrites();

        var failed = await Assert.ThrowsAsync<StateException>(async () => await session.DisposeAsync());

        var errored = Path.Combine(_lab, RemoteStateBackend.ErroredStateFileName);
        var content = await File.ReadAllBytesAsync(errored);
        Assert.Contains(encryption.Recipients, failed.Message, StringComparison.Ordinal);
        Assert.False(ReversibleTestEncryption.Contains(content, "hunter2"));
        Assert.Equal("hunter2", ValueOf(await OtherMachine(encryption).ReadStateFileAsync(content, errored, Token), "data.secretive"));
    }

    [Fact]
    public async Task A_plain_stored_state_is_read_and_encrypted_on_the_first_write_with_a_message()
    {
        await SeedAsync();
        var encryption = new ReversibleTestEncryption();
        var backend = Backend(encryption);

        RemoteStateSession session;
        await using (session = await OpenAsync(backend))
        {
            Assert.Equal("seed-0", ValueOf(session.Current, "data.seed0"));
            Assert.Equal(RemoteStateNoticeKind.PlainStateWillBeEncrypted, Assert.Single(session.Notices).Kind);
            await session.RecordAsync(Put("data.a", "one"), Token);
        }

        Assert.Equal(RemoteStateNoticeKind.StateEncrypted, session.Notices[^1].Kind);
        Assert.Contains(encryption.Recipients, session.Notices[^1].Message, StringComparison.Ordinal);
        Assert.True(encryption.IsEncrypted(_remote.Writes[^1]));
        Assert.Equal("one", ValueOf((await backend.ReadAsync(Token))!, "data.a"));
    }

    [Fact]
    public async Task Each_write_encrypts_to_the_current_recipients()
    {
        await SeedAsync(encryption: new ReversibleTestEncryption(0x11));
        var rotated = new ReversibleTestEncryption(0x22);

        await Assert.ThrowsAsync<StateException>(() => Backend(rotated).ReadAsync(Token));
        await using (var session = await OpenAsync(Backend(new TwoKeyTestEncryption(read: new ReversibleTestEncryption(0x11), write: rotated))))
            await session.RecordAsync(Put("data.a", "one"), Token);

        Assert.Equal("one", ValueOf((await Backend(rotated).ReadAsync(Token))!, "data.a"));
    }

    [Fact]
    public async Task An_encrypted_state_read_without_encryption_configured_says_how_to_read_it()
    {
        await SeedAsync(encryption: new ReversibleTestEncryption());

        var refused = await Assert.ThrowsAsync<StateException>(() => Backend().ReadAsync(Token));

        Assert.Contains("may be encrypted", refused.Message, StringComparison.Ordinal);
        Assert.Contains("state.encrypt_to", refused.Hint, StringComparison.Ordinal);
    }
}
