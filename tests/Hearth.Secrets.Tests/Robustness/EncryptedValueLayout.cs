using System.Text;
using System.Text.RegularExpressions;

namespace Hearth.Secrets.Tests.Robustness;

/// <summary>Where the <c>ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]</c> values of a file lie, field by field, in bytes.</summary>
internal static partial class EncryptedValueLayout
{
    public const string Frame = "frame";

    public static readonly string[] Base64Fields = ["data", "iv", "tag"];

    /// <summary>Each value's text and, per byte offset in the file, the field it belongs to (the fixed text is <see cref="Frame"/>).</summary>
    public static IReadOnlyList<(string Text, IReadOnlyList<(string Field, int Offset)> Bytes)> Find(byte[] content)
    {
        // Latin-1 maps each byte to one char, so string indices are byte offsets.
        var text = Encoding.Latin1.GetString(content);
        var values = new List<(string, IReadOnlyList<(string, int)>)>();
        foreach (Match match in EncryptedValue().Matches(text))
        {
            var bytes = new List<(string, int)>();
            for (var offset = match.Index; offset < match.Index + match.Length; offset++)
            {
                var group = match.Groups.Values.Skip(1).FirstOrDefault(g => offset >= g.Index && offset < g.Index + g.Length);
                bytes.Add((group?.Name ?? Frame, offset));
            }
            values.Add((match.Value, bytes));
        }
        return values;
    }

    [GeneratedRegex(@"ENC\[AES256_GCM,data:(?<data>[^,\]]+),iv:(?<iv>[^,\]]+),tag:(?<tag>[^,\]]+),type:(?<type>[^\]]+)\]")]
    private static partial Regex EncryptedValue();
}
