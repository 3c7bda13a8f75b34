using System.Text;
using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Stores;

/// <summary>
/// SOPS INI: each section is a map of string values; comments (<c>;</c> or <c>#</c>) before a section or key are
/// kept with it; the metadata sits flattened in a <c>[sops]</c> section. Written as go-ini does: <c>key = value</c>
/// aligned per section, a blank line between sections, line breaks in values as <c>\n</c>.
/// </summary>
public sealed class IniSopsStore : ISopsStore
{
    private const string MetadataSection = "sops";
    private const string DefaultSection = "DEFAULT";

    public string Name => "ini";

    public SopsParsed Parse(byte[] content, string fileName)
    {
        var sections = new List<KeyValuePair<string, SopsNode>>();
        List<KeyValuePair<string, SopsNode>>? current = null;
        var pending = new List<KeyValuePair<string, SopsNode>>();
        var lines = Encoding.UTF8.GetString(content).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0)
                continue;
            if (line[0] is ';' or '#')
            {
                pending.Add(KeyValuePair.Create("", (SopsNode)new SopsComment(line[1..].TrimStart())));
                continue;
            }
            if (line[0] == '[')
            {
                if (!line.EndsWith(']'))
                    throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}:{i + 1}: a section header needs a closing `]`");
                current = [.. pending];
                pending.Clear();
                sections.Add(KeyValuePair.Create(line[1..^1].Trim(), (SopsNode)new SopsMap(current)));
                continue;
            }
            var separator = line.IndexOfAny(['=', ':']);
            if (separator <= 0)
                throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}:{i + 1}: an INI line needs key = value");
            var key = line[..separator].Trim();
            var value = line[(separator + 1)..].Trim();
            if (value.StartsWith("\"\"\"", StringComparison.Ordinal))
                value = MultiLine(lines, ref i, value[3..], fileName);
            else if (value.Length >= 2 && value[0] == value[^1] && value[0] is '"' or '`')
                value = value[1..^1];
            if (current is null)
            {
                current = [];
                sections.Insert(0, KeyValuePair.Create(DefaultSection, (SopsNode)new SopsMap(current)));
            }
            current.AddRange(pending);
            pending.Clear();
            current.Add(KeyValuePair.Create(key, (SopsNode)new SopsScalar(value.Replace("\\n", "\n", StringComparison.Ordinal))));
        }
        // Section maps were built in place; rebuild them so each holds its final entries.
        var root = sections.Select(s => KeyValuePair.Create(s.Key, (SopsNode)new SopsMap([.. ((SopsMap)s.Value).Entries]))).ToList();
        var metadata = root.FirstOrDefault(s => s.Key == MetadataSection).Value as SopsMap;
        var data = new SopsMap([.. root.Where(s => s.Key != MetadataSection), .. pending]);
        return new SopsParsed([data], metadata is null ? null
            : SopsFlattening.Unflatten(metadata.Values.Select(e => KeyValuePair.Create(e.Key, ((SopsScalar)e.Value).ToText())), fileName));
    }

    /// <summary>A value in go-ini's triple quotes, as sops 3.13.0 and 3.13.1 wrote multi-line metadata.</summary>
    private static string MultiLine(string[] lines, ref int index, string first, string fileName)
    {
        var text = new StringBuilder(first);
        while (!text.ToString().EndsWith("\"\"\"", StringComparison.Ordinal))
        {
            if (++index >= lines.Length)
                throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}: a \"\"\" value is never closed");
            text.Append('\n').Append(lines[index].TrimEnd('\r'));
        }
        return text.ToString()[..^3];
    }

    public byte[] Write(IReadOnlyList<SopsMap> documents, SopsMap? metadata)
    {
        var document = documents.Count == 0 ? SopsMap.Empty : documents[0];
        var text = new StringBuilder();
        var sections = document.Entries.ToList();
        if (metadata is not null)
            sections.Add(KeyValuePair.Create(MetadataSection, (SopsNode)new SopsMap([..
                SopsFlattening.Flatten(metadata).Select(e => KeyValuePair.Create(e.Key, (SopsNode)new SopsScalar(e.Value)))])));
        foreach (var (name, node) in sections)
        {
            switch (node)
            {
                case SopsComment comment:
                    text.Append("; ").Append(comment.Text).Append('\n');
                    continue;
                case not SopsMap:
                    throw new SecretsException(SecretsFailure.InvalidFile, $"`{name}` is not a section", "an INI file holds sections of key = value lines; use YAML or JSON for other shapes");
            }
            var section = (SopsMap)node;
            var entries = section.Entries.ToList();
            var leading = entries.TakeWhile(e => e.Value is SopsComment).ToList();
            if (text.Length > 0)
                text.Append('\n');
            foreach (var comment in leading)
                text.Append("; ").Append(((SopsComment)comment.Value).Text).Append('\n');
            if (name != DefaultSection)
                text.Append('[').Append(name).Append("]\n");
            var width = section.Values.Select(e => e.Key.Length).DefaultIfEmpty(0).Max();
            foreach (var (key, value) in entries.Skip(leading.Count))
            {
                switch (value)
                {
                    case SopsComment comment:
                        text.Append("; ").Append(comment.Text).Append('\n');
                        break;
                    case SopsScalar scalar:
                        text.Append(key.PadRight(width)).Append(" = ").Append(scalar.ToText().Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
                        break;
                    default:
                        throw new SecretsException(SecretsFailure.InvalidFile, $"`{name}.{key}` holds a nested value, which INI cannot express", "use YAML or JSON for nested secrets");
                }
            }
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
