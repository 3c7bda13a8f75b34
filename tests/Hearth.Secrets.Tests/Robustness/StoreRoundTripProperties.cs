using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hearth.Secrets.Age;
using Hearth.Secrets.Sops;
using Hearth.Secrets.Stores;
using Xunit.Sdk;

namespace Hearth.Secrets.Tests.Robustness;

/// <summary>
/// Encrypting a tree to a fresh age identity, writing it with a store, reading it back and decrypting gives the same
/// tree, for every store and every kind of tree the store can express, under any of the encryption rules. The one
/// normalisation: JSON has a single number type, so a float with an integral value left in the clear comes back as
/// an int of the same value (<see cref="TreeDifference"/>). What a store cannot express is kept out of its
/// generator, each with the reason beside it (and, for all stores, a map or list holding only comments; see
/// <see cref="SopsTreeGenerators"/>).
/// </summary>
public sealed class StoreRoundTripProperties
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A comment is one line: without \n, \r, or NEL, LS and PS, which YAML 1.1 readers also break lines at.</summary>
    private static bool NoLineBreak(string piece) => piece.IndexOfAny(['\n', '\r', '\u0085', '\u2028', '\u2029']) < 0;

    /// <summary>
    /// Everything, with two limits of YAML itself: keys are strings (sops allows no others; `sops` at the top is the
    /// metadata's), and a comment, which is never escaped, holds no control character (YAML allows none in a stream).
    /// </summary>
    private static readonly SopsTreeGenerators.Shape Yaml = new(
        SopsTreeGenerators.Key(), SopsTreeGenerators.Text(6), SopsTreeGenerators.Text(4, p => NoLineBreak(p) && !p.Any(char.IsControl)), Nested: true, StringsOnly: false);

    /// <summary>As YAML without comments, which JSON does not have.</summary>
    private static readonly SopsTreeGenerators.Shape Json = Yaml with { Comments = null };

    /// <summary>
    /// One level of strings. A key holds no `=` or line break (the line is split at the first `=`), and a value no
    /// backslash before an `n`: dotenv writes a line break as `\n` and reads every `\n` back as one, in sops too.
    /// </summary>
    private static readonly SopsTreeGenerators.Shape Dotenv = new(
        SopsTreeGenerators.Key(NoLineBreak),
        SopsTreeGenerators.Text(6).Where(s => !s.Contains("\\n", StringComparison.Ordinal)),
        SopsTreeGenerators.Text(4, NoLineBreak), Nested: false, StringsOnly: true);

    /// <summary>`sops_` lines are the metadata, and a line starting with # is a comment.</summary>
    private static bool DotenvCanHold(string key) => !key.StartsWith("sops_", StringComparison.Ordinal) && !key.StartsWith('#');

    [Property(MaxTest = 300)]
    public Property A_yaml_file_decrypts_to_the_documents_and_comments_it_was_encrypted_from() =>
        Prop.ForAll(Arb.From(SopsTreeGenerators.Cases(Yaml, maxDocuments: 2, key => key != "sops"), SopsTreeGenerators.Shrink),
            c => RoundTrip(c, new YamlSopsStore(), "t.yaml"));

    [Property(MaxTest = 300)]
    public Property A_json_file_decrypts_to_the_tree_it_was_encrypted_from() =>
        Prop.ForAll(Arb.From(SopsTreeGenerators.Cases(Json, maxDocuments: 1, key => key != "sops"), SopsTreeGenerators.Shrink),
            c => RoundTrip(c, new JsonSopsStore(), "t.json", clearIntegralFloatsBecomeInts: true));

    [Property(MaxTest = 300)]
    public Property A_dotenv_file_decrypts_to_the_lines_it_was_encrypted_from() =>
        Prop.ForAll(Arb.From(SopsTreeGenerators.Cases(Dotenv, maxDocuments: 1, DotenvCanHold), SopsTreeGenerators.Shrink),
            c => RoundTrip(c, new DotenvSopsStore(), "t.env"));

    [Property(MaxTest = 300)]
    public Property A_binary_file_decrypts_to_its_exact_bytes() =>
        Prop.ForAll(Arb.From(SopsTreeGenerators.BinaryCases, SopsTreeGenerators.Shrink), c =>
        {
            var store = new BinarySopsStore();
            var plain = store.Parse(c.Content, "t.bin").Documents;
            var decrypted = RoundTrip(new RoundTripCase(plain, c.Rules), store, "t.bin");
            Assert.Equal(c.Content, store.Write(decrypted, null));
        });

    /// <summary>Encrypts, writes, reads and decrypts <paramref name="c"/>; fails with the first difference and the file as written.</summary>
    private static IReadOnlyList<SopsMap> RoundTrip(RoundTripCase c, ISopsStore store, string fileName, bool clearIntegralFloatsBecomeInts = false)
    {
        var identity = AgeIdentity.Generate();
        var encrypted = SopsEncryptor.EncryptNew(c.Documents, [new SopsKeyGroup([identity.Recipient], [])], 0, c.Rules, new SopsDataKey([identity], null), Now);
        var written = store.Write(encrypted.Documents, encrypted.Metadata.ToTree());
        IReadOnlyList<SopsMap> decrypted;
        try
        {
            decrypted = new SopsDecryptor([identity]).Decrypt(store.Parse(written, fileName).ToDocument(fileName), fileName);
        }
        catch (SecretsException e)
        {
            throw new XunitException($"reading it back failed: {e.Message}\n--- {fileName} as written:\n{Encoding.UTF8.GetString(written)}");
        }
        if (TreeDifference.Find(c.Documents, decrypted, encrypted.Documents, clearIntegralFloatsBecomeInts) is { } difference)
            throw new XunitException($"{difference}\n--- decrypted:\n{TreeText.Render(decrypted)}--- {fileName} as written:\n{Encoding.UTF8.GetString(written)}");
        return decrypted;
    }
}
