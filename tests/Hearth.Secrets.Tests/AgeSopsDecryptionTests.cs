using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Tests;

public sealed class AgeSopsDecryptionTests
{
    [Theory]
    [InlineData("flux-secret-age.yaml", "flux-age.txt")]
    [InlineData("flux-secret-merge1.yaml", "flux-age.txt")]
    [InlineData("flux-age.env", "flux-age.txt")]
    [InlineData("flux-age-binary.txt", "flux-age.txt")]
    [InlineData("helmsecrets-secrets.age.yaml", "helmsecrets-age.txt")]
    [InlineData("sopsnix-secrets.yaml", "sopsnix-age.txt")]
    [InlineData("terragrunt-age-key-with-space.yaml", "terragrunt-age.txt")]
    public void A_file_written_by_sops_decrypts_to_its_expected_plaintext_and_its_mac_checks(string fixture, string key)
    {
        var document = SopsFiles.Read(SopsFixtures.PathOf(fixture), fixture);

        var plain = new SopsDecryptor(SopsFixtures.AgeKey(key)).Decrypt(document, fixture);

        Assert.Equal(SopsFixtures.CanonicalExpected(fixture), SopsFixtures.Canonical(plain[0]));
    }

    [Fact]
    public void A_value_changed_without_the_key_fails_the_mac_check()
    {
        var text = File.ReadAllText(SopsFixtures.PathOf("flux-secret-age.yaml")).Replace("name: age", "name: tampered", StringComparison.Ordinal);
        var document = Hearth.Secrets.Stores.YamlSopsStore.Read(text, "tampered.yaml");

        var error = Assert.Throws<SecretsException>(() => new SopsDecryptor(SopsFixtures.AgeKey("flux-age.txt")).Decrypt(document, "tampered.yaml"));

        Assert.Equal(SecretsFailure.MacMismatch, error.Failure);
        Assert.Contains("--ignore-mac", error.Hint, StringComparison.Ordinal);
        Assert.NotEmpty(new SopsDecryptor(SopsFixtures.AgeKey("flux-age.txt")).Decrypt(document, "tampered.yaml", ignoreMac: true));
    }

    [Fact]
    public void Without_a_matching_identity_the_error_names_the_recipients()
    {
        var document = SopsFiles.Read(SopsFixtures.PathOf("flux-secret-age.yaml"), "flux-secret-age.yaml");

        var error = Assert.Throws<SecretsException>(() => new SopsDecryptor(SopsFixtures.AgeKey("sopsnix-age.txt")).Decrypt(document, "flux-secret-age.yaml"));

        Assert.Equal(SecretsFailure.NoKey, error.Failure);
        Assert.Contains("age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29", error.Hint, StringComparison.Ordinal);
    }
}
