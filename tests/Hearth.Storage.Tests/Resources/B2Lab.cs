using System.Collections.Immutable;
using Hearth.Core.Resources;
using Hearth.Core.Values;
using Hearth.Secrets;
using Hearth.Secrets.Age;
using Hearth.Secrets.Sops;
using Hearth.Storage.Resources;
using Hearth.Testing;
using Hearth.Testing.B2;

namespace Hearth.Storage.Tests.Resources;

/// <summary>
/// A lab whose storage section talks to a <see cref="FakeB2"/> with the account's master key, and whose secrets
/// directory is encrypted for a fresh age identity under a .sops.yaml creation rule.
/// </summary>
internal sealed class B2Lab : IDisposable
{
    /// <summary>A backup bucket, and a key for it whose secret is written into a SOPS file.</summary>
    public const string BackupBucketAndKey = """
        storage:
          b2:
            buckets:
              dovecot-backup:
                type: allPrivate
                lifecycle: [{ prefix: "", days_from_hiding_to_deleting: 30 }]
            keys:
              dovecot:
                bucket: dovecot-backup
                capabilities: [listBuckets, listFiles, readFiles, writeFiles, deleteFiles]
                name_prefix: ""
                write_to: secrets/dovecot.yaml
        """;

    private readonly B2Accounts _accounts;
    private string _storage;

    public B2Lab(string storage, params (string Path, string Content)[] files)
    {
        Fake = new FakeB2();
        _storage = storage;
        ProviderKey = Fake.MasterKey;
        Identity = AgeIdentity.Generate();
        _accounts = new B2Accounts(Fake);
        var module = StorageModule.Create(_accounts, new Dictionary<string, string>(StringComparer.Ordinal) { ["SOPS_AGE_KEY"] = Identity.ToSecretString() });
        BucketKind = (B2BucketResourceType)module.Kinds[0];
        KeyKind = (B2KeyResourceType)module.Kinds[1];
        Harness = new EngineHarness(Yaml(storage), module.Kinds, module.Sections,
            [(".sops.yaml", $"creation_rules:\n  - path_regex: secrets/.*\\.yaml$\n    age: {Identity.Recipient}\n"), .. files]);
    }

    public FakeB2 Fake { get; }

    public AgeIdentity Identity { get; }

    /// <summary>The key the lab's providers section works with; the account's master key unless <see cref="UseKey"/> says otherwise.</summary>
    public FakeB2Key ProviderKey { get; private set; }

    public EngineHarness Harness { get; }

    public B2BucketResourceType BucketKind { get; }

    public B2KeyResourceType KeyKind { get; }

    /// <summary>The providers section as the engine hands it to the kinds, for calling one operation directly.</summary>
    public ProviderSettings ProviderSettings => new(ImmutableDictionary<string, MapValue>.Empty.Add("b2", new MapValue(ValueMap.Empty)
        .With("application_key_id", Value.String(ProviderKey.ApplicationKeyId))
        .With("application_key", Value.String(ProviderKey.ApplicationKey).MarkSensitive())
        .With("endpoint", Value.String(FakeB2.BaseUrl))));

    public string Providers => $$"""
        providers:
          b2: { application_key_id: "{{ProviderKey.ApplicationKeyId}}", application_key: "{{ProviderKey.ApplicationKey}}", endpoint: "{{FakeB2.BaseUrl}}" }
        """;

    /// <summary>Replaces the lab's storage section, keeping the providers.</summary>
    public void Rewrite(string storage)
    {
        _storage = storage;
        Harness.Lab.Write("hearth.yaml", Yaml(storage));
    }

    /// <summary>Makes the lab work with <paramref name="key"/> instead of the master key.</summary>
    public void UseKey(FakeB2Key key)
    {
        ProviderKey = key;
        Rewrite(_storage);
    }

    /// <summary>The decrypted first document of a SOPS file of the lab.</summary>
    public SopsMap Decrypt(string relative) =>
        new SopsDecryptor([Identity]).Decrypt(SopsFiles.Read(Harness.Lab.PathOf(relative), relative), relative)[0];

    /// <summary>Encrypts <paramref name="values"/> into a new SOPS file of the lab, for the lab's identity.</summary>
    public void WriteSecrets(string relative, params (string Key, string Value)[] values)
    {
        var document = new SopsMap([.. values.Select(v => KeyValuePair.Create(v.Key, (SopsNode)new SopsScalar(v.Value)))]);
        var encrypted = SopsEncryptor.EncryptNew([document], [new SopsKeyGroup([Identity.Recipient], [])], 0, new SopsEncryptionRules(),
            new SopsDataKey([], null), DateTimeOffset.UtcNow);
        var path = Harness.Lab.PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, SopsFiles.StoreFor("yaml").Write(encrypted.Documents, encrypted.Metadata.ToTree()));
    }

    public void Dispose()
    {
        Harness.Dispose();
        _accounts.Dispose();
        Fake.Dispose();
    }

    private string Yaml(string storage) => $"{Providers}\n{storage}";
}
