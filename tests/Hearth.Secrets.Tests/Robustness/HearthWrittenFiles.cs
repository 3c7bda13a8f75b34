using System.Text;
using Hearth.Secrets.Age;
using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Tests.Robustness;

/// <summary>
/// Files Hearth itself encrypts, for what the sops-written fixtures lack (an age JSON file, comments, lists, every
/// value type, mac_only_encrypted). All are encrypted to the flux fixtures' age key, so one identity opens everything.
/// </summary>
internal static class HearthWrittenFiles
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<AgeIdentity> Identities => SopsFixtures.AgeKey("flux-age.txt");

    /// <summary>Nested maps, a list, and a value of every type sops encrypts, each one distinctive enough to search for.</summary>
    public const string Json = """
        {
            "database": {"password": "correct horse battery staple ☃", "port": 48213977, "ratio": 0.7315, "enabled": true, "empty": ""},
            "tokens": ["tok-Ωmega-7f3a9c", "tok-second-91c2e4"],
            "nothing": null
        }
        """;

    public const string Yaml = """
        # head comment
        app:
            name: hearth-fuzz
            # before the port
            port: 8443
            ratio: 1.5
            debug: false
            hosts:
                - alpha.example
                # between items
                - beta.example
            nested:
                list_of_maps:
                    - key: one
                      other: 1
        public_unencrypted: visible
        empty: ""
        nothing: null
        multi: |
            line one
            line two
        ---
        second: document
        """;

    public const string Dotenv = "# a comment\nDB_PASSWORD=hunter2-is-not-a-password\nAPI_TOKEN=tok\\nwith a newline\nPUBLIC_unencrypted=visible\nEMPTY=\n";

    /// <summary>A binary file that is not UTF-8.</summary>
    public static readonly byte[] Binary = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0xFE, (byte)'s', (byte)'e', (byte)'c', (byte)'r', (byte)'e', (byte)'t'];

    /// <summary>Encrypts a plaintext file of <paramref name="format"/> (read by that format's store) as Hearth writes it.</summary>
    /// <param name="keyGroups">With more than one, the data key is split into Shamir shares, all needed to open the file.</param>
    public static byte[] Encrypt(string format, byte[] plaintext, SopsEncryptionRules? rules = null, int keyGroups = 1)
    {
        var identity = Identities[0];
        var store = SopsFiles.StoreFor(format);
        var documents = store.Parse(plaintext, "plaintext").Documents;
        var groups = Enumerable.Repeat(new SopsKeyGroup([identity.Recipient], []), keyGroups).ToList();
        var encrypted = SopsEncryptor.EncryptNew(documents, groups, keyGroups > 1 ? keyGroups : 0, rules ?? new SopsEncryptionRules(),
            new SopsDataKey([identity], null), Now);
        return store.Write(encrypted.Documents, encrypted.Metadata.ToTree());
    }

    public static byte[] Encrypt(string format, string plaintext, SopsEncryptionRules? rules = null, int keyGroups = 1) =>
        Encrypt(format, Encoding.UTF8.GetBytes(plaintext), rules, keyGroups);
}
