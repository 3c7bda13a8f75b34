using Hearth.Secrets.Pgp;

namespace Hearth.Secrets.Tests.Pgp;

public sealed class PgpFingerprintTests
{
    [Theory]
    [InlineData("FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4", "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4", "3D16CEE4A27381B4")]
    [InlineData("fbc7 b9e2 a4f9 289a c0c1  d484 3d16 cee4 a273 81b4", "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4", "3D16CEE4A27381B4")]
    [InlineData("3d16cee4a27381b4", "3D16CEE4A27381B4", "3D16CEE4A27381B4")]
    [InlineData("FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4!", "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4!", "3D16CEE4A27381B4!")]
    public void A_fingerprint_is_normalised_and_its_trusted_key_id_is_its_last_16_digits(string text, string value, string keyId)
    {
        var fingerprint = new PgpFingerprint(text);

        Assert.Equal(value, fingerprint.Value);
        Assert.Equal(keyId, fingerprint.KeyId);
    }

    [Fact]
    public void Gpg_is_called_with_the_same_arguments_as_sops()
    {
        var fingerprint = new PgpFingerprint("FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4");

        Assert.Equal(
            ["--no-default-recipient", "--yes", "--encrypt", "-a", "-r", "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4", "--trusted-key", "3D16CEE4A27381B4", "--no-encrypt-to"],
            GpgArguments.Encrypt(fingerprint));
        Assert.Equal(["--quiet", "-d"], GpgArguments.Decrypt());
    }
}
