using System.Text;
using Hearth.Secrets.Age;
using Hearth.Secrets.Sops;
using Hearth.Secrets.Stores;

namespace Hearth.Secrets.Tests;

/// <summary>Files damaged in ways the fuzzing found: each fails with a <see cref="SecretsException"/> naming the file, or opens as sops opens it.</summary>
public sealed class SopsDecryptorDamageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static string FluxYaml => File.ReadAllText(SopsFixtures.PathOf("flux-secret-age.yaml"));

    private static IReadOnlyList<AgeIdentity> FluxKey => SopsFixtures.AgeKey("flux-age.txt");

    private static string Encrypt(string yaml, IReadOnlyList<SopsKeyGroup> groups, IReadOnlyList<AgeIdentity> identities)
    {
        var store = new YamlSopsStore();
        var encrypted = SopsEncryptor.EncryptNew(store.Parse(Encoding.UTF8.GetBytes(yaml), "plain.yaml").Documents, groups, groups.Count > 1 ? groups.Count : 0,
            new SopsEncryptionRules(), new SopsDataKey(identities, null), Now);
        return Encoding.UTF8.GetString(store.Write(encrypted.Documents, encrypted.Metadata.ToTree()));
    }

    [Fact]
    public void A_number_in_place_of_an_encrypted_value_is_refused_although_the_mac_covers_it()
    {
        var identity = AgeIdentity.Generate();
        var text = Encrypt("port: 8443\n", [new SopsKeyGroup([identity.Recipient], [])], [identity]);
        var clear = System.Text.RegularExpressions.Regex.Replace(text, @"port: ENC\[[^\]]*\]", "port: 8443");

        var error = Assert.Throws<SecretsException>(() => new SopsDecryptor([identity]).Decrypt(YamlSopsStore.Read(clear, "c.yaml"), "c.yaml"));

        Assert.Equal(SecretsFailure.DecryptionFailed, error.Failure);
        Assert.Equal("c.yaml: the value at `port` should be encrypted but is not", error.Message);
    }

    [Fact]
    public void A_damaged_age_entry_is_reported_with_the_file_and_its_recipient()
    {
        var damaged = FluxYaml.Replace("        -----END AGE ENCRYPTED FILE-----\n", "", StringComparison.Ordinal);

        var error = Assert.Throws<SecretsException>(() => new SopsDecryptor(FluxKey).Decrypt(YamlSopsStore.Read(damaged, "f.yaml"), "f.yaml"));

        Assert.Equal(SecretsFailure.InvalidFile, error.Failure);
        Assert.Equal("f.yaml: the data key stored for age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29 cannot be read: not a valid age file: its armor ends before its END line (it is truncated)",
            error.Message);
    }

    [Fact]
    public void A_damaged_age_entry_does_not_stop_another_entry_from_opening_the_file()
    {
        var mine = AgeIdentity.Generate();
        var document = YamlSopsStore.Read(Encrypt("a: secret\n", [new SopsKeyGroup([FluxKey[0].Recipient, mine.Recipient], [])], [mine]), "d.yaml");
        var keys = document.Metadata.KeyGroups[0];
        var damaged = keys with { Age = [keys.Age[0] with { Enc = keys.Age[0].Enc.Replace("-----END AGE ENCRYPTED FILE-----", "", StringComparison.Ordinal) }, keys.Age[1]] };

        var plain = new SopsDecryptor([mine]).Decrypt(document with { Metadata = document.Metadata with { KeyGroups = [damaged] } }, "d.yaml");

        Assert.Equal("secret", ((SopsScalar)plain[0].Get("a")!).Value);
    }

    [Theory]
    [InlineData("encrypted_regex: ^(data|stringData)$", "encrypted_regex: ^(data|stringData$", "f.yaml: `^(data|stringData$` is not a valid regular expression")]
    [InlineData("encrypted_regex: ^(data|stringData)$", "encrypted_regex: ^(data|stringData)$\n  unencrypted_suffix: _clear", "f.yaml: only one of")]
    public void Encryption_rules_that_cannot_be_used_make_the_file_invalid(string line, string replacement, string message)
    {
        var damaged = FluxYaml.Replace(line, replacement, StringComparison.Ordinal);

        var error = Assert.Throws<SecretsException>(() => YamlSopsStore.Read(damaged, "f.yaml"));

        Assert.Equal(SecretsFailure.InvalidFile, error.Failure);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_encryption_rules_leaves_keys_with_the_default_suffix_clear_as_sops_does()
    {
        var identity = AgeIdentity.Generate();
        var text = Encrypt("a: secret\nb_unencrypted: visible\n", [new SopsKeyGroup([identity.Recipient], [])], [identity]);
        var withoutRules = text.Replace("    unencrypted_suffix: _unencrypted\n", "", StringComparison.Ordinal);
        Assert.NotEqual(text, withoutRules);

        var document = YamlSopsStore.Read(withoutRules, "r.yaml");
        var plain = new SopsDecryptor([identity]).Decrypt(document, "r.yaml");

        Assert.Equal(SopsEncryptionRules.DefaultUnencryptedSuffix, document.Metadata.Rules.UnencryptedSuffix);
        Assert.Equal("visible", ((SopsScalar)plain[0].Get("b_unencrypted")!).Value);
    }

    [Fact]
    public void Key_group_shares_that_cannot_combine_are_reported_with_the_file()
    {
        var identity = AgeIdentity.Generate();
        var group = new SopsKeyGroup([identity.Recipient], []);
        var document = YamlSopsStore.Read(Encrypt("a: secret\n", [group, group], [identity]), "g.yaml");
        var sameShareTwice = document with { Metadata = document.Metadata with { KeyGroups = [document.Metadata.KeyGroups[0], document.Metadata.KeyGroups[0]] } };

        var error = Assert.Throws<SecretsException>(() => new SopsDecryptor([identity]).Decrypt(sameShareTwice, "g.yaml"));

        Assert.Equal(SecretsFailure.InvalidFile, error.Failure);
        Assert.StartsWith("g.yaml: two Shamir shares have the same x coordinate", error.Message, StringComparison.Ordinal);
    }
}
