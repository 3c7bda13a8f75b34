using Hearth.Secrets.Age;
using Hearth.Testing;

namespace Hearth.Secrets.Tests;

/// <summary>Files written by the real age CLI open with our decryptor and our identities.</summary>
public sealed class AgeInteropTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(32, true)]
    [InlineData(64 * 1024, false)]
    [InlineData(200_000, true)]
    public async Task A_file_the_age_cli_encrypted_to_our_generated_recipient_decrypts(int size, bool armor)
    {
        var identity = AgeIdentity.Generate();
        var plaintext = new byte[size];
        Random.Shared.NextBytes(plaintext);

        var encrypted = await AgeCli.EncryptAsync(identity.Recipient, plaintext, armor);

        Assert.Equal(plaintext, AgeDecryptor.Decrypt(encrypted, [AgeIdentity.Generate(), identity]));
    }

    [Fact]
    public async Task A_changed_payload_byte_is_refused()
    {
        var identity = AgeIdentity.Generate();
        var encrypted = await AgeCli.EncryptAsync(identity.Recipient, "secret"u8.ToArray(), armor: false);
        encrypted[^3] ^= 0x40;

        var error = Assert.Throws<SecretsException>(() => AgeDecryptor.Decrypt(encrypted, [identity]));

        Assert.Equal(SecretsFailure.InvalidFile, error.Failure);
    }
}
