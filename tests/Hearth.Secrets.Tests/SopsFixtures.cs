using System.Text.Json;
using Hearth.Secrets.Age;
using Hearth.Secrets.Sops;
using Hearth.Testing;

namespace Hearth.Secrets.Tests;

/// <summary>The real sops-written files shared beside the repository, with the test keys that open them.</summary>
internal static class SopsFixtures
{
    public static string Directory
    {
        get
        {
            var directory = Path.GetFullPath(Path.Combine(RepositoryPaths.Root(), "..", "shared", "fixtures", "sops"));
            return System.IO.Directory.Exists(directory)
                ? directory
                : throw new InvalidOperationException($"the SOPS fixtures are missing: expected {directory} (shared/ beside the repository)");
        }
    }

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static IReadOnlyList<AgeIdentity> AgeKey(string keyFile) => AgeIdentity.ParseFile(File.ReadAllText(PathOf(Path.Combine("keys", keyFile))));

    /// <summary>The decrypted first document as JSON with keys sorted, the form of the fixtures' expected files.</summary>
    public static string Canonical(SopsNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, node);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string CanonicalExpected(string fixture) => CanonicalJson.Of(File.ReadAllText(PathOf(fixture + ".expected.json")));

    private static void Write(Utf8JsonWriter writer, SopsNode node)
    {
        switch (node)
        {
            case SopsMap map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Values.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case SopsList list:
                writer.WriteStartArray();
                foreach (var item in list.Items.Where(i => i is not SopsComment))
                    Write(writer, item);
                writer.WriteEndArray();
                break;
            case SopsScalar { Value: string s }:
                writer.WriteStringValue(s);
                break;
            case SopsScalar { Value: long l }:
                writer.WriteNumberValue(l);
                break;
            case SopsScalar { Value: double d }:
                writer.WriteNumberValue(d);
                break;
            case SopsScalar { Value: bool b }:
                writer.WriteBooleanValue(b);
                break;
            case SopsScalar { Value: byte[] bytes }:
                writer.WriteStringValue(System.Text.Encoding.UTF8.GetString(bytes));
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
