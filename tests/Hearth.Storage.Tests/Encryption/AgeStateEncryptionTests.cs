using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Core.State.Remote;
using Hearth.Core.Values;
using Hearth.Secrets.Age;
using Hearth.Storage.Encryption;
using Hearth.Testing.RemoteState;

namespace Hearth.Storage.Tests.Encryption;

public sealed class AgeStateEncryptionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hearth-age-state-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly AgeIdentity _alice = AgeIdentity.Generate();
    private readonly AgeIdentity _bob = AgeIdentity.Generate();
    private readonly InMemoryRemoteState _remote = new();

    public AgeStateEncryptionTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static CancellationToken Token => CancellationToken.None;

    /// <summary>An environment with a HOME of its own, so the user's real ~/.config/sops/age/keys.txt is never read.</summary>
    private Dictionary<string, string> Environment(params AgeIdentity[] identities)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["HOME"] = _directory };
        if (identities.Length > 0)
            environment["SOPS_AGE_KEY"] = string.Join("\n", identities.Select(i => i.ToSecretString()));
        return environment;
    }

    private AgeStateEncryption EncryptingTo(AgeIdentity[] recipients, params AgeIdentity[] identities) =>
        new(recipients.Select(r => r.Recipient), Environment(identities));

    private RemoteStateBackend Backend(IStateEncryption encryption) => new(_remote, _remote, new RemoteStateOptions
    {
        LabDirectory = _directory,
        HearthVersion = "test",
        Encryption = encryption,
    });

    private static StateChange Put(string address, string value) => new StateChange.PutResource(new ResourceInstanceState(
        ResourceAddress.Parse(address), new MapValue(new ValueMap([KeyValuePair.Create("value", Value.String(value))])), []));

    private static LockInfo Lock() => LockInfo.ForCurrentProcess("apply", "test", "test");

    [Fact]
    public async Task A_state_encrypted_to_two_recipients_opens_with_either_identity()
    {
        var plaintext = "{\"version\":1}"u8.ToArray();
        var stored = EncryptingTo([_alice, _bob]).Encrypt(plaintext);

        Assert.Equal(plaintext, await EncryptingTo([_alice], _alice).DecryptAsync(stored, "memory", Token));
        Assert.Equal(plaintext, await EncryptingTo([_alice], _bob).DecryptAsync(stored, "memory", Token));
    }

    [Fact]
    public void The_envelope_is_recognised_and_a_plain_state_is_not()
    {
        var encryption = EncryptingTo([_alice]);

        Assert.True(encryption.IsEncrypted(encryption.Encrypt("{}"u8.ToArray())));
        Assert.False(encryption.IsEncrypted(StateSerializer.ToBytes(StateDocument.CreateNew(), "test")));
        Assert.False(encryption.IsEncrypted("not json at all"u8));
    }

    [Fact]
    public async Task The_store_receives_no_resource_name_or_attribute_value_in_plaintext()
    {
        var backend = Backend(EncryptingTo([_alice], _alice));
        await using (var session = await backend.OpenAsync(Lock(), TimeSpan.Zero, Token))
        {
            await session.RecordAsync(Put("dns_record.nas_home", "198.51.100.23"), Token);
            await session.RecordAsync(Put("random_password.grafana_admin", "correct-horse-battery-staple"), Token);
        }

        var written = Assert.Single(_remote.Writes);
        var text = Encoding.UTF8.GetString(written);
        foreach (var plaintext in new[] { "dns_record", "nas_home", "198.51.100.23", "grafana_admin", "correct-horse-battery-staple", "lineage", "serial" })
            Assert.DoesNotContain(plaintext, text, StringComparison.Ordinal);
        var state = await backend.ReadAsync(Token);
        Assert.Equal("correct-horse-battery-staple", state!.Find(ResourceAddress.Parse("random_password.grafana_admin"))!.Attributes.Get("value")!.ToText());
    }

    [Fact]
    public async Task A_wrong_identity_is_refused_naming_the_recipients_and_where_identities_are_looked_for()
    {
        var stored = EncryptingTo([_alice]).Encrypt("{}"u8.ToArray());

        var refused = await Assert.ThrowsAsync<StateException>(() => EncryptingTo([_alice], _bob).DecryptAsync(stored, "s3 bucket b, key k", Token));

        Assert.Contains(_alice.Recipient, refused.Message, StringComparison.Ordinal);
        Assert.Contains("s3 bucket b, key k", refused.Message, StringComparison.Ordinal);
        Assert.Contains("SOPS_AGE_KEY_FILE", refused.Hint, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_directory, ".config", "sops", "age", "keys.txt"), refused.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_identity_is_refused_naming_the_recipients()
    {
        var stored = EncryptingTo([_alice, _bob]).Encrypt("{}"u8.ToArray());

        var refused = await Assert.ThrowsAsync<StateException>(() => EncryptingTo([_alice]).DecryptAsync(stored, "memory", Token));

        Assert.Contains("no age identity was found", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"{_alice.Recipient}, {_bob.Recipient}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identities_are_found_in_the_default_sops_key_file()
    {
        var keys = Path.Combine(_directory, ".config", "sops", "age", "keys.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(keys)!);
        await File.WriteAllTextAsync(keys, _alice.ToKeyFile(DateTimeOffset.UtcNow));
        var stored = EncryptingTo([_alice]).Encrypt("{}"u8.ToArray());

        var plaintext = await EncryptingTo([_alice]).DecryptAsync(stored, "memory", Token);

        Assert.Equal("{}"u8.ToArray(), plaintext);
    }

    [Fact]
    public async Task Replacing_a_recipient_re_encrypts_the_state_on_the_next_write()
    {
        await using (var session = await Backend(EncryptingTo([_alice], _alice)).OpenAsync(Lock(), TimeSpan.Zero, Token))
            await session.RecordAsync(Put("data.a", "one"), Token);

        await using (var session = await Backend(EncryptingTo([_bob], _alice)).OpenAsync(Lock(), TimeSpan.Zero, Token))
            await session.RecordAsync(Put("data.b", "two"), Token);

        var state = await Backend(EncryptingTo([_bob], _bob)).ReadAsync(Token);
        Assert.Equal(2, state!.Resources.Count);
        await Assert.ThrowsAsync<StateException>(() => Backend(EncryptingTo([_alice], _alice)).ReadAsync(Token));
        using var envelope = JsonDocument.Parse(_remote.Writes[^1]);
        Assert.Equal([_bob.Recipient], envelope.RootElement.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public void A_recipient_that_is_not_an_age_key_is_refused_when_configured()
    {
        var refused = Assert.Throws<StateException>(() => new AgeStateEncryption(["age1notakey"], Environment()));

        Assert.Contains("state.encrypt_to", refused.Message, StringComparison.Ordinal);
        Assert.Throws<StateException>(() => new AgeStateEncryption([], Environment()));
    }

    [Fact]
    public async Task The_age_file_inside_the_envelope_decrypts_with_the_age_command()
    {
        var stored = EncryptingTo([_alice]).Encrypt("{\"version\":1}"u8.ToArray());
        using var envelope = JsonDocument.Parse(stored);
        var ageFile = Path.Combine(_directory, "state.age");
        var keyFile = Path.Combine(_directory, "key.txt");
        await File.WriteAllTextAsync(ageFile, envelope.RootElement.GetProperty("age").GetString());
        await File.WriteAllTextAsync(keyFile, _alice.ToKeyFile(DateTimeOffset.UtcNow));

        var start = new ProcessStartInfo("age") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-d", "-i", keyFile, ageFile })
            start.ArgumentList.Add(argument);
        using var age = Process.Start(start) ?? throw new InvalidOperationException("cannot start `age`; install it (apt-get install age)");
        var output = await age.StandardOutput.ReadToEndAsync(Token);
        var error = await age.StandardError.ReadToEndAsync(Token);
        await age.WaitForExitAsync(Token);

        Assert.True(age.ExitCode == 0, error);
        Assert.Equal("{\"version\":1}", output);
    }
}
