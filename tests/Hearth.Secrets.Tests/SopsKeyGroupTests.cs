using System.Text;
using Hearth.Secrets.Age;
using Hearth.Secrets.Sops;
using Hearth.Secrets.Stores;

namespace Hearth.Secrets.Tests;

/// <summary>Key groups share the data key by Shamir: any threshold of groups opens the file, fewer do not.</summary>
public sealed class SopsKeyGroupTests
{
    private static readonly SopsMap Plain = new([KeyValuePair.Create("token", (SopsNode)new SopsScalar("abc"))]);

    [Fact]
    public void Two_of_three_groups_open_a_file_and_one_does_not()
    {
        var identities = Enumerable.Range(0, 3).Select(_ => AgeIdentity.Generate()).ToArray();
        var groups = identities.Select(i => new SopsKeyGroup([i.Recipient], [])).ToList();
        var encrypted = SopsEncryptor.EncryptNew([Plain], groups, 2, new SopsEncryptionRules(), new SopsDataKey([], null), DateTimeOffset.UtcNow);
        var text = new YamlSopsStore().Write(encrypted.Documents, encrypted.Metadata.ToTree());
        var document = new YamlSopsStore().Parse(text, "g.yaml").ToDocument("g.yaml");

        var byTwo = new SopsDecryptor([identities[0], identities[2]]).Decrypt(document, "g.yaml");
        var error = Assert.Throws<SecretsException>(() => new SopsDecryptor([identities[1]]).Decrypt(document, "g.yaml"));

        Assert.Contains("key_groups:", Encoding.UTF8.GetString(text), StringComparison.Ordinal);
        Assert.Contains("shamir_threshold: 2", Encoding.UTF8.GetString(text), StringComparison.Ordinal);
        Assert.Equal(3, document.Metadata.KeyGroupCount);
        Assert.Equal("abc", ((SopsScalar)byTwo[0].Get("token")!).Value);
        Assert.Equal(SecretsFailure.NoKey, error.Failure);
        Assert.Contains("opened 1 of the 2 key groups", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_document_of_a_multi_document_file_carries_the_metadata_and_is_covered_by_the_mac()
    {
        var identity = AgeIdentity.Generate();
        var second = new SopsMap([KeyValuePair.Create("other", (SopsNode)new SopsScalar(42L))]);
        var encrypted = SopsEncryptor.EncryptNew([Plain, second], [new SopsKeyGroup([identity.Recipient], [])], 0, new SopsEncryptionRules(),
            new SopsDataKey([], null), DateTimeOffset.UtcNow);
        var text = Encoding.UTF8.GetString(new YamlSopsStore().Write(encrypted.Documents, encrypted.Metadata.ToTree()));

        var plain = new SopsDecryptor([identity]).Decrypt(YamlSopsStore.Read(text, "m.yaml"), "m.yaml");
        var swapped = Encoding.UTF8.GetString(new YamlSopsStore().Write([encrypted.Documents[1], encrypted.Documents[0]], encrypted.Metadata.ToTree()));
        var error = Assert.Throws<SecretsException>(() => new SopsDecryptor([identity]).Decrypt(YamlSopsStore.Read(swapped, "m.yaml"), "m.yaml"));

        Assert.Equal(2, text.Split("\nsops:\n").Length - 1);
        Assert.Equal(42L, ((SopsScalar)plain[1].Get("other")!).Value);
        Assert.Equal(SecretsFailure.MacMismatch, error.Failure);
    }
}
