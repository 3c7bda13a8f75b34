using System.Text;

namespace Hearth.Secrets.Tests.Robustness;

/// <summary>
/// Deterministic damage to a file, one to three steps at a time: flipped bits, truncation, inserted bytes, duplicated,
/// deleted and swapped lines, swapped characters, and tokens replaced by values that parsers get wrong (huge numbers,
/// YAML syntax, flattened-key syntax). Each result says what was done, so a failure can be reproduced by reading it.
/// </summary>
internal sealed class FileMutator(int seed)
{
    private static readonly string[] Tokens =
    [
        "99999999999999999999", "-9223372036854775809", "18446744073709551616", "1e999", "-1e999", "0o777777777777777777777777",
        "0x8000000000000000", "0xFFFFFFFFFFFFFFFFFF", ".nan", "-.inf", "null", "~", "[]", "{}", "[", "{", "true", "1.5", "-0",
        "&a", "*a", "*unknown", "<<: *a", "!!binary", "!!int", "!!timestamp", "? ", "|", ">-", "|+", "---", "...", "%YAML 1.2\n",
        "\\ud800", "\\u0000", "\\", "\"", "'", "#", ": ", "=", "\t", "\r", "\0", "\u00e9", "\ud83d\udd11",
        "key_groups", "shamir_threshold", "mac_only_encrypted", "encrypted_regex", "(", "[z-a]", "__list_", "__list_99999999999",
        "__map_", "sops_", "sops", "age", "enc", "ENC[AES256_GCM,data:AA==,iv:AA==,tag:AA==,type:int]", "type:float", "type:bool",
    ];

    private readonly Random _random = new(seed);

    /// <summary>A damaged copy of <paramref name="original"/> and how it was damaged.</summary>
    public (byte[] Content, string Steps) Mutate(byte[] original)
    {
        var content = original.ToList();
        var steps = new List<string>();
        var count = _random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
        for (var i = 0; i < count && content.Count > 0; i++)
            steps.Add(Step(content));
        return ([.. content], string.Join("; ", steps));
    }

    private string Step(List<byte> content)
    {
        var at = _random.Next(content.Count);
        switch (_random.Next(9))
        {
            case 0:
                var bit = _random.Next(8);
                content[at] ^= (byte)(1 << bit);
                return $"flip bit {bit} of byte {at}";
            case 1:
                content.RemoveRange(at, content.Count - at);
                return $"truncate at {at}";
            case 2:
                var value = (byte)_random.Next(256);
                content.Insert(at, value);
                return $"insert 0x{value:X2} at {at}";
            case 3:
                (content[at], content[Math.Min(at + 1, content.Count - 1)]) = (content[Math.Min(at + 1, content.Count - 1)], content[at]);
                return $"swap bytes {at} and {at + 1}";
            case 4:
                var (start, end) = LineAround(content, at);
                content.InsertRange(end, content.GetRange(start, end - start));
                return $"duplicate the line at {start}";
            case 5:
                (start, end) = LineAround(content, at);
                content.RemoveRange(start, end - start);
                return $"delete the line at {start}";
            case 6:
                var other = LineAround(content, _random.Next(content.Count));
                var line = LineAround(content, at);
                if (other.Start == line.Start)
                    return "swap a line with itself";
                var (first, second) = other.Start < line.Start ? (other, line) : (line, other);
                var firstBytes = content.GetRange(first.Start, first.End - first.Start);
                var secondBytes = content.GetRange(second.Start, second.End - second.Start);
                content.RemoveRange(second.Start, second.End - second.Start);
                content.InsertRange(second.Start, firstBytes);
                content.RemoveRange(first.Start, first.End - first.Start);
                content.InsertRange(first.Start, secondBytes);
                return $"swap the lines at {first.Start} and {second.Start}";
            case 7:
                var token = Tokens[_random.Next(Tokens.Length)];
                content.InsertRange(at, Encoding.UTF8.GetBytes(token));
                return $"insert `{token}` at {at}";
            default:
                token = Tokens[_random.Next(Tokens.Length)];
                var (wordStart, wordEnd) = WordAround(content, at);
                content.RemoveRange(wordStart, wordEnd - wordStart);
                content.InsertRange(wordStart, Encoding.UTF8.GetBytes(token));
                return $"replace the word at {wordStart} with `{token}`";
        }
    }

    /// <summary>The line holding <paramref name="at"/>, with its line break.</summary>
    private static (int Start, int End) LineAround(List<byte> content, int at)
    {
        var start = at;
        while (start > 0 && content[start - 1] != '\n')
            start--;
        var end = at;
        while (end < content.Count && content[end] != '\n')
            end++;
        return (start, Math.Min(end + 1, content.Count));
    }

    /// <summary>The run of letters and digits holding <paramref name="at"/> (at least that one byte).</summary>
    private static (int Start, int End) WordAround(List<byte> content, int at)
    {
        static bool IsWord(byte b) => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'.';
        var start = at;
        while (start > 0 && IsWord(content[start - 1]))
            start--;
        var end = at + 1;
        while (end < content.Count && IsWord(content[end]))
            end++;
        return (start, end);
    }
}
