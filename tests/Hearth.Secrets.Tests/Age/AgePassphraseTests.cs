using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Hearth.Secrets.Age;

namespace Hearth.Secrets.Tests.Age;

/// <summary>Passphrase (scrypt) recipients and identities, with age's rules: the only stanza, and a cap on the work factor.</summary>
public sealed class AgePassphraseTests
{
    /// <summary>Low, so the tests stay fast; the default (18) is checked once.</summary>
    private const int FastWorkFactor = 10;

    [Theory]
    [InlineData(0, false)]
    [InlineData(100_000, true)]
    public async Task A_file_encrypted_with_a_passphrase_opens_with_it(int size, bool armor)
    {
        var plaintext = RandomNumberGenerator.GetBytes(size);
        using var encrypted = new MemoryStream();

        await AgeEncryptor.EncryptAsync(new MemoryStream(plaintext), encrypted, [new AgePassphraseRecipient("correct horse", FastWorkFactor)], armor, CancellationToken.None);
        using var decrypted = new MemoryStream();
        await AgeDecryptor.DecryptAsync(new MemoryStream(encrypted.ToArray()), decrypted, [new AgePassphraseIdentity("correct horse")], CancellationToken.None);

        Assert.Equal(plaintext, decrypted.ToArray());
        Assert.Equal(plaintext, AgeDecryptor.Decrypt(encrypted.ToArray(), [new AgePassphraseIdentity("correct horse")]));
    }

    [Fact]
    public void The_stanza_has_age_s_layout_and_the_default_work_factor_is_18()
    {
        var header = Header(AgeEncryptor.Encrypt("x"u8, [new AgePassphraseRecipient("correct horse")], armor: false));

        var stanza = header.Split('\n')[1].Split(' ');

        Assert.Equal(["->", "scrypt"], stanza[..2]);
        Assert.Equal(16, Convert.FromBase64String(stanza[2] + "==").Length);
        Assert.Equal("18", stanza[3]);
    }

    [Fact]
    public void A_wrong_passphrase_is_reported_as_incorrect()
    {
        var file = AgeEncryptor.Encrypt("x"u8, [new AgePassphraseRecipient("correct horse", FastWorkFactor)], armor: false);

        var error = Assert.Throws<SecretsException>(() => AgeDecryptor.Decrypt(file, [new AgePassphraseIdentity("wrong horse")]));

        Assert.Equal((SecretsFailure.NoKey, "the passphrase is incorrect"), (error.Failure, error.Message));
    }

    [Fact]
    public void A_work_factor_above_the_limit_is_refused_with_the_limit_named()
    {
        var file = AgeEncryptor.Encrypt("x"u8, [new AgePassphraseRecipient("correct horse", 12)], armor: false);

        var error = Assert.Throws<SecretsException>(() => AgeDecryptor.Decrypt(file, [new AgePassphraseIdentity("correct horse", maxWorkFactor: 11)]));

        Assert.Contains("scrypt work factor of 12 (N = 2^12), above the limit of 11", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_asking_for_work_factor_30_is_refused_before_any_scrypt_work()
    {
        var file = Forged(new AgeStanza("scrypt", [AgeBase64.EncodeRaw(new byte[16]), "30"], new byte[32]));
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<SecretsException>(() => AgeDecryptor.Decrypt(file, [new AgePassphraseIdentity("correct horse")]));

        Assert.Contains("above the limit of 22", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("018")]
    [InlineData("+18")]
    [InlineData("0")]
    [InlineData("eighteen")]
    public void A_work_factor_age_would_not_write_is_refused(string workFactor)
    {
        var file = Forged(new AgeStanza("scrypt", [AgeBase64.EncodeRaw(new byte[16]), workFactor], new byte[32]));

        var error = Assert.Throws<SecretsException>(() => AgeDecryptor.Decrypt(file, [new AgePassphraseIdentity("correct horse")]));

        Assert.Equal(SecretsFailure.InvalidFile, error.Failure);
    }

    [Fact]
    public void A_passphrase_cannot_be_mixed_with_other_recipients()
    {
        IAgeRecipient[] recipients = [new AgePassphraseRecipient("correct horse", FastWorkFactor), AgeRecipient.Parse(AgeIdentity.Generate().Recipient)];

        var error = Assert.Throws<SecretsException>(() => AgeEncryptor.Encrypt("x"u8, recipients, armor: false));

        Assert.Contains("only recipient", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_passphrase_stanza_beside_another_is_refused_when_decrypting()
    {
        var identity = AgeIdentity.Generate();
        IAgeRecipient x25519 = AgeRecipient.Parse(identity.Recipient);
        var fileKey = RandomNumberGenerator.GetBytes(16);
        var file = Forged(fileKey, new AgeStanza("scrypt", [AgeBase64.EncodeRaw(new byte[16]), "10"], new byte[32]), x25519.Wrap(fileKey));

        var error = Assert.Throws<SecretsException>(() => AgeDecryptor.Decrypt(file, [new AgePassphraseIdentity("correct horse")]));

        Assert.Contains("not the only one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_x25519_identity_says_a_passphrase_file_needs_its_passphrase()
    {
        var file = AgeEncryptor.Encrypt("x"u8, [new AgePassphraseRecipient("correct horse", FastWorkFactor)], armor: true);

        var error = Assert.Throws<SecretsException>(() => AgeDecryptor.Decrypt(file, [AgeIdentity.Generate()]));

        Assert.Equal((SecretsFailure.NoKey, "it is encrypted with a passphrase, not to a recipient"), (error.Failure, error.Message));
    }

    [Fact]
    public void Passphrases_are_never_shown()
    {
        Assert.DoesNotContain("horse", new AgePassphraseIdentity("correct horse").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("horse", new AgePassphraseRecipient("correct horse").ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new AgePassphraseIdentity(""));
    }

    private static string Header(byte[] file) => Encoding.ASCII.GetString(file, 0, AgeFiles.HeaderEnd(file));

    private static byte[] Forged(params AgeStanza[] stanzas) => Forged(RandomNumberGenerator.GetBytes(16), stanzas);

    /// <summary>A file with exactly these stanzas, a correct MAC and a one-chunk payload.</summary>
    private static byte[] Forged(byte[] fileKey, params AgeStanza[] stanzas)
    {
        var nonce = RandomNumberGenerator.GetBytes(16);
        using var encryptor = new AgePayloadEncryptor(fileKey, nonce);
        var payload = new byte[17];
        encryptor.Encrypt("x"u8, payload, final: true, out _, out _);
        return [.. AgeHeader.Write(fileKey, stanzas), .. nonce, .. payload];
    }
}
