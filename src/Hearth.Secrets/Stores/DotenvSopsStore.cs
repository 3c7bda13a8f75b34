using System.Text;
using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Stores;

/// <summary>
/// SOPS dotenv: <c>KEY=VALUE</c> lines split at the first <c>=</c> with no trimming, <c>\n</c> in a value meaning
/// a newline, <c>#</c> lines as comments, empty lines dropped; the metadata is in <c>sops_</c> lines.
/// </summary>
public sealed class DotenvSopsStore : ISopsStore
{
    private const string MetadataPrefix = "sops_";

    public string Name => "dotenv";

    /// <exception cref="SecretsException">A line has no <c>=</c>, or there is no metadata.</exception>
    public static SopsDocument Read(string text, string fileName) =>
        new DotenvSopsStore().Parse(Encoding.UTF8.GetBytes(text), fileName).ToDocument(fileName);

    public SopsParsed Parse(byte[] content, string fileName)
    {
        var data = new List<KeyValuePair<string, SopsNode>>();
        var metadata = new List<KeyValuePair<string, string>>();
        var lineNumber = 0;
        foreach (var line in Encoding.UTF8.GetString(content).Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            if (line.StartsWith('#'))
            {
                data.Add(KeyValuePair.Create("", (SopsNode)new SopsComment(line[1..])));
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
                throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}:{lineNumber}: a dotenv line needs KEY=VALUE");
            var key = line[..equals];
            var value = line[(equals + 1)..].Replace("\\n", "\n", StringComparison.Ordinal);
            if (key.StartsWith(MetadataPrefix, StringComparison.Ordinal))
                metadata.Add(KeyValuePair.Create(key[MetadataPrefix.Length..], value));
            else
                data.Add(KeyValuePair.Create(key, (SopsNode)new SopsScalar(value)));
        }
        return new SopsParsed([new SopsMap(data)], metadata.Count == 0 ? null : SopsFlattening.Unflatten(metadata, fileName));
    }

    public byte[] Write(IReadOnlyList<SopsMap> documents, SopsMap? metadata)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in documents.Count == 0 ? [] : documents[0].Entries)
        {
            switch (value)
            {
                case SopsComment comment:
                    text.Append('#').Append(comment.Text).Append('\n');
                    break;
                case SopsScalar scalar:
                    // A key starting with # would read back as a comment.
                    if (key.StartsWith(MetadataPrefix, StringComparison.Ordinal) || key.StartsWith('#') || key.Contains('=', StringComparison.Ordinal) ||
                        key.Contains('\n', StringComparison.Ordinal))
                        throw new SecretsException(SecretsFailure.InvalidFile, $"`{key}` cannot be a dotenv key", "dotenv keys cannot start with sops_ or #, or hold `=` or line breaks");
                    text.Append(key).Append('=').Append(Escape(SopsFlattening.ValueText(scalar.Value))).Append('\n');
                    break;
                default:
                    throw new SecretsException(SecretsFailure.InvalidFile, $"`{key}` holds a nested value, which dotenv cannot express", "use YAML or JSON for nested secrets");
            }
        }
        if (metadata is not null)
        {
            foreach (var (key, value) in SopsFlattening.Flatten(metadata))
                text.Append(MetadataPrefix).Append(key).Append('=').Append(Escape(value)).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Escape(string value) => value.Replace("\n", "\\n", StringComparison.Ordinal);
}
