using System.Text;
using Hearth.Secrets.Pgp;
using Hearth.Secrets.Sops;
using Hearth.Secrets.Tests.Pgp;
using Hearth.Testing;

namespace Hearth.Secrets.Tests;

/// <summary>
/// Files written by sops decrypt with Hearth, and what Hearth writes back (same keys, new data key) decrypts again
/// to the same plaintext; the age stanzas Hearth writes open with the real age CLI.
/// </summary>
public sealed class SopsRoundTripTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("flux-secret-age.yaml", "flux-age.txt")]
    [InlineData("flux-secret-merge1.yaml", "flux-age.txt")]
    [InlineData("flux-age.env", "flux-age.txt")]
    [InlineData("flux-age-binary.txt", "flux-age.txt")]
    [InlineData("helmsecrets-secrets.age.yaml", "helmsecrets-age.txt")]
    [InlineData("sopsnix-secrets.yaml", "sopsnix-age.txt")]
    [InlineData("terragrunt-age-key-with-space.yaml", "terragrunt-age.txt")]
    public void An_age_fixture_re_encrypted_with_its_keys_decrypts_to_the_same_plaintext(string fixture, string key)
    {
        var identities = SopsFixtures.AgeKey(key);

        var written = ReEncrypt(fixture, new SopsDataKey(identities, null));

        var reread = SopsFiles.StoreFor(SopsFiles.FormatOf(fixture)).Parse(written, fixture).ToDocument(fixture);
        Assert.Equal(SopsFixtures.CanonicalExpected(fixture), SopsFixtures.Canonical(new SopsDecryptor(identities).Decrypt(reread, fixture)[0]));
    }

    [Theory]
    [InlineData("sops-format.enc.yaml")]
    [InlineData("sops-format.enc.json")]
    [InlineData("sops-format.enc.env")]
    [InlineData("sops-format.enc.ini")]
    [InlineData("sops-comments.enc.yaml")]
    [InlineData("sops-example.yaml")]
    [InlineData("sops-example.json")]
    [InlineData("ksops-secret-unencrypted-regex.yaml")]
    [InlineData("ksops-secret.enc.env")]
    public async Task A_pgp_fixture_decrypts_through_gpg_and_round_trips(string fixture)
    {
        await using var home = await GnupgHome.CreateAsync("sops-functional-tests.asc");
        var pgp = new GpgKeyService(home.Environment);
        var document = SopsFiles.Read(SopsFixtures.PathOf(fixture), fixture);
        var plain = new SopsDecryptor([], pgp).Decrypt(document, fixture);
        Assert.Equal(SopsFixtures.CanonicalExpected(fixture), SopsFixtures.Canonical(plain[0]));

        // Re-encrypted to the one key whose secret half is published.
        var groups = new[] { new SopsKeyGroup([], ["FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4"]) };
        var again = SopsEncryptor.EncryptNew(plain, groups, 0, document.Metadata.Rules, new SopsDataKey([], pgp), Now);
        var store = SopsFiles.StoreFor(SopsFiles.FormatOf(fixture));
        var reread = store.Parse(store.Write(again.Documents, again.Metadata.ToTree()), fixture).ToDocument(fixture);
        Assert.Equal(SopsFixtures.CanonicalExpected(fixture), SopsFixtures.Canonical(new SopsDecryptor([], pgp).Decrypt(reread, fixture)[0]));
    }

    [Theory]
    [InlineData("sopsnix-secrets.ini")]
    [InlineData("sopsnix-secrets.yaml")]
    [InlineData("helmsecrets-secrets-3.5.yaml")]
    [InlineData("helmsecrets-trailing-newline.raw")]
    [InlineData("flux-secret-pgp.yaml")]
    public async Task Pgp_fixtures_from_other_projects_decrypt_through_gpg(string fixture)
    {
        var key = fixture.StartsWith("sopsnix", StringComparison.Ordinal) ? "sopsnix-pgp.asc"
            : fixture.StartsWith("helmsecrets", StringComparison.Ordinal) ? "helmsecrets-pgp.asc" : "flux-pgp.asc";
        await using var home = await GnupgHome.CreateAsync(key);
        var document = SopsFiles.Read(SopsFixtures.PathOf(fixture), fixture);

        var plain = new SopsDecryptor([], new GpgKeyService(home.Environment)).Decrypt(document, fixture);

        Assert.Equal(SopsFixtures.CanonicalExpected(fixture), SopsFixtures.Canonical(plain[0]));
    }

    [Fact]
    public async Task The_real_age_cli_opens_the_data_key_hearth_writes()
    {
        var identities = SopsFixtures.AgeKey("flux-age.txt");
        var written = ReEncrypt("flux-secret-age.yaml", new SopsDataKey(identities, null));
        var document = SopsFiles.StoreFor("yaml").Parse(written, "x.yaml").ToDocument("x.yaml");

        var byAge = await AgeCli.DecryptAsync(SopsFixtures.PathOf("keys/flux-age.txt"), Encoding.ASCII.GetBytes(document.Metadata.Age[0].Enc));

        Assert.Equal(new SopsDataKey(identities, null).Recover(document.Metadata, "x.yaml"), byAge);
        Assert.EndsWith("-----END AGE ENCRYPTED FILE-----\n", document.Metadata.Age[0].Enc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comments_are_kept_and_encrypted_like_sops_does()
    {
        await using var home = await GnupgHome.CreateAsync("sops-functional-tests.asc");
        var pgp = new GpgKeyService(home.Environment);
        var document = SopsFiles.Read(SopsFixtures.PathOf("sops-comments.enc.yaml"), "c.yaml");
        var plain = new SopsDecryptor([], pgp).Decrypt(document, "c.yaml");
        var comments = plain[0].Entries.Select(e => e.Value).OfType<SopsComment>().Select(c => c.Text).ToList();
        Assert.NotEmpty(comments);

        var identity = Secrets.Age.AgeIdentity.Generate();
        var again = SopsEncryptor.EncryptNew(plain, [new SopsKeyGroup([identity.Recipient], [])], 0, new SopsEncryptionRules(), new SopsDataKey([identity], null), Now);
        var text = Encoding.UTF8.GetString(new Hearth.Secrets.Stores.YamlSopsStore().Write(again.Documents, again.Metadata.ToTree()));

        Assert.True(text.Contains("#ENC[AES256_GCM,data:", StringComparison.Ordinal), text);
        Assert.DoesNotContain(comments[0], text, StringComparison.Ordinal);
        var reread = Hearth.Secrets.Stores.YamlSopsStore.Read(text, "c.yaml");
        Assert.Equal(comments, new SopsDecryptor([identity]).Decrypt(reread, "c.yaml")[0].Entries.Select(e => e.Value).OfType<SopsComment>().Select(c => c.Text));
    }

    /// <summary>Decrypts a fixture and encrypts its plaintext again for the same age recipients, as the store writes it.</summary>
    private static byte[] ReEncrypt(string fixture, SopsDataKey keys)
    {
        var document = SopsFiles.Read(SopsFixtures.PathOf(fixture), fixture);
        var plain = new SopsDecryptor(SopsFixtures.AgeKey(KeyOf(fixture))).Decrypt(document, fixture);
        var groups = new[] { new SopsKeyGroup([.. document.Metadata.Age.Select(a => a.Recipient)], []) };
        var again = SopsEncryptor.EncryptNew(plain, groups, 0, document.Metadata.Rules, keys, Now);
        return SopsFiles.StoreFor(SopsFiles.FormatOf(fixture)).Write(again.Documents, again.Metadata.ToTree());
    }

    private static string KeyOf(string fixture) => fixture switch
    {
        _ when fixture.StartsWith("flux", StringComparison.Ordinal) => "flux-age.txt",
        _ when fixture.StartsWith("helmsecrets", StringComparison.Ordinal) => "helmsecrets-age.txt",
        _ when fixture.StartsWith("sopsnix", StringComparison.Ordinal) => "sopsnix-age.txt",
        _ => "terragrunt-age.txt",
    };
}
