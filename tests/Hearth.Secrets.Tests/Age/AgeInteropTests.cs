using System.Security.Cryptography;
using Hearth.Secrets.Age;
using Hearth.Testing;

namespace Hearth.Secrets.Tests.Age;

/// <summary>Files the real age CLI writes open with ours, and files we write open with it: X25519 and passphrase.</summary>
public sealed class AgeInteropTests : IDisposable
{
    private const int Chunk = 64 * 1024;

    private readonly AgeIdentity _identity = AgeIdentity.Generate();
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"hearth-age-key-{Guid.NewGuid():N}.txt");

    public AgeInteropTests() => File.WriteAllText(_keyFile, _identity.ToKeyFile(DateTimeOffset.UnixEpoch));

    public void Dispose() => File.Delete(_keyFile);

    public static TheoryData<int, bool> Sizes => new()
    {
        { 0, false }, { 1, true }, { Chunk - 1, false }, { Chunk, true }, { Chunk + 1, false }, { 3 * Chunk, true }, { 3 * Chunk, false },
    };

    [Theory]
    [InlineData(0, false)]
    [InlineData(32, true)]
    [InlineData(64 * 1024, false)]
    [InlineData(200_000, true)]
    public async Task A_file_the_age_cli_encrypted_to_our_generated_recipient_decrypts(int size, bool armor)
    {
        var plaintext = RandomNumberGenerator.GetBytes(size);

        var encrypted = await AgeCli.EncryptAsync(_identity.Recipient, plaintext, armor);

        Assert.Equal(plaintext, AgeDecryptor.Decrypt(encrypted, [AgeIdentity.Generate(), _identity]));
    }

    [Fact]
    public async Task A_changed_payload_byte_is_refused()
    {
        var encrypted = await AgeCli.EncryptAsync(_identity.Recipient, "secret"u8.ToArray(), armor: false);
        encrypted[^3] ^= 0x40;

        var error = Assert.Throws<SecretsException>(() => AgeDecryptor.Decrypt(encrypted, [_identity]));

        Assert.Equal(SecretsFailure.InvalidFile, error.Failure);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_file_the_age_cli_wrote_streams_through_our_decryptor(int size, bool armor)
    {
        var plaintext = RandomNumberGenerator.GetBytes(size);
        var encrypted = await AgeCli.EncryptAsync(_identity.Recipient, plaintext, armor);
        using var output = new MemoryStream();

        await AgeDecryptor.DecryptAsync(new MemoryStream(encrypted), output, [AgeIdentity.Generate(), _identity], CancellationToken.None);

        Assert.Equal(plaintext, output.ToArray());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_file_we_streamed_opens_with_the_age_cli(int size, bool armor)
    {
        var plaintext = RandomNumberGenerator.GetBytes(size);
        using var encrypted = new MemoryStream();

        await AgeEncryptor.EncryptAsync(new MemoryStream(plaintext), encrypted,
            [AgeRecipient.Parse(AgeIdentity.Generate().Recipient), AgeRecipient.Parse(_identity.Recipient)], armor, CancellationToken.None);

        Assert.Equal(plaintext, await AgeCli.DecryptAsync(_keyFile, encrypted.ToArray()));
    }

    [Fact]
    public async Task A_file_the_age_cli_encrypted_with_a_passphrase_opens_with_it()
    {
        var plaintext = RandomNumberGenerator.GetBytes(Chunk + 1);

        var encrypted = await AgeCli.EncryptWithPassphraseAsync("correct horse battery", plaintext, armor: true);
        using var output = new MemoryStream();
        await AgeDecryptor.DecryptAsync(new MemoryStream(encrypted), output, [new AgePassphraseIdentity("correct horse battery")], CancellationToken.None);

        Assert.Equal(plaintext, output.ToArray());
    }

    [Fact]
    public async Task A_file_we_encrypted_with_a_passphrase_opens_with_the_age_cli()
    {
        var plaintext = RandomNumberGenerator.GetBytes(3 * Chunk);
        using var encrypted = new MemoryStream();

        await AgeEncryptor.EncryptAsync(new MemoryStream(plaintext), encrypted, [new AgePassphraseRecipient("correct horse battery")], armor: false, CancellationToken.None);

        Assert.Equal(plaintext, await AgeCli.DecryptWithPassphraseAsync("correct horse battery", encrypted.ToArray()));
    }

    [Fact]
    public async Task The_age_cli_refuses_a_wrong_passphrase_for_a_file_we_wrote()
    {
        var encrypted = AgeEncryptor.Encrypt("secret"u8, [new AgePassphraseRecipient("correct horse battery", 10)], armor: false);

        await Assert.ThrowsAsync<InvalidOperationException>(() => AgeCli.DecryptWithPassphraseAsync("wrong horse", encrypted));
    }
}
