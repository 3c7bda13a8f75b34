using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Tests.Robustness;

/// <summary>
/// A tree as a reviewer wants to read it in a failing property: one node a line, strings quoted and escaped, every
/// scalar with its type (so 2.0 the float and 2 the int differ on screen), comments as <c># "text"</c>.
/// </summary>
internal static class TreeText
{
    public static string Render(RoundTripCase c)
    {
        var text = new StringBuilder().Append("rules: ").Append(Rules(c.Rules)).Append('\n');
        for (var i = 0; i < c.Documents.Count; i++)
        {
            text.Append("document ").Append(i + 1).Append(":\n");
            Node(text, c.Documents[i], 1);
        }
        return text.ToString();
    }

    public static string Render(IEnumerable<SopsMap> documents)
    {
        var text = new StringBuilder();
        foreach (var document in documents)
            Node(text.Append("document:\n"), document, 1);
        return text.ToString();
    }

    private static string Rules(SopsEncryptionRules rules)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
                parts.Add($"{name} {Quote(value)}");
        }
        Add("unencrypted_suffix", rules.UnencryptedSuffix);
        Add("encrypted_suffix", rules.EncryptedSuffix);
        Add("unencrypted_regex", rules.UnencryptedRegex);
        Add("encrypted_regex", rules.EncryptedRegex);
        Add("unencrypted_comment_regex", rules.UnencryptedCommentRegex);
        Add("encrypted_comment_regex", rules.EncryptedCommentRegex);
        if (rules.MacOnlyEncrypted)
            parts.Add("mac_only_encrypted");
        return parts.Count == 0 ? "(default)" : string.Join(", ", parts);
    }

    private static void Node(StringBuilder text, SopsNode node, int depth)
    {
        var indent = new string(' ', 2 * depth);
        switch (node)
        {
            case SopsMap map:
                if (map.Entries.Count == 0)
                    text.Append(indent).Append("{}\n");
                foreach (var (key, value) in map.Entries)
                {
                    if (value is SopsComment comment)
                        text.Append(indent).Append("# ").Append(Quote(comment.Text)).Append('\n');
                    else if (value is SopsScalar scalar)
                        text.Append(indent).Append(Quote(key)).Append(": ").Append(Scalar(scalar.Value)).Append('\n');
                    else
                        Node(text.Append(indent).Append(Quote(key)).Append(":\n"), value, depth + 1);
                }
                break;
            case SopsList list:
                if (list.Items.Count == 0)
                    text.Append(indent).Append("[]\n");
                foreach (var item in list.Items)
                {
                    if (item is SopsComment comment)
                        text.Append(indent).Append("# ").Append(Quote(comment.Text)).Append('\n');
                    else if (item is SopsScalar scalar)
                        text.Append(indent).Append("- ").Append(Scalar(scalar.Value)).Append('\n');
                    else
                        Node(text.Append(indent).Append("-\n"), item, depth + 1);
                }
                break;
            case SopsScalar scalar:
                text.Append(indent).Append(Scalar(scalar.Value)).Append('\n');
                break;
            case SopsComment comment:
                text.Append(indent).Append("# ").Append(Quote(comment.Text)).Append('\n');
                break;
        }
    }

    public static string Scalar(object? value) => value switch
    {
        null => "null",
        string s => $"{Quote(s)} (str)",
        long l => $"{l.ToString(CultureInfo.InvariantCulture)} (int)",
        double d => $"{(BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits(-0.0) ? "-0.0" : d.ToString("R", CultureInfo.InvariantCulture))} (float)",
        bool b => $"{(b ? "true" : "false")} (bool)",
        byte[] bytes => $"{Convert.ToHexString(bytes)} (bytes)",
        var other => $"{other} ({other.GetType().Name})",
    };

    public static string Quote(string text) => JsonSerializer.Serialize(text, QuoteOptions);

    private static readonly JsonSerializerOptions QuoteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
