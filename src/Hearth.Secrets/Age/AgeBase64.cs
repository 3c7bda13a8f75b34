using System.Buffers;
using System.Text;

namespace Hearth.Secrets.Age;

/// <summary>The header's base64: standard alphabet without padding, stanza bodies wrapped at 64 columns.</summary>
internal static class AgeBase64
{
    public const int ColumnsPerLine = 64;
    public const int BytesPerLine = ColumnsPerLine / 4 * 3;

    private static readonly SearchValues<char> Alphabet = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    public static string EncodeRaw(ReadOnlySpan<byte> data) => Convert.ToBase64String(data).TrimEnd('=');

    /// <summary>A body ends with a line shorter than 64 columns, so a body filling whole lines is followed by an empty one.</summary>
    public static void AppendWrapped(StringBuilder header, string body)
    {
        var i = 0;
        for (; i + ColumnsPerLine <= body.Length; i += ColumnsPerLine)
            header.Append(body, i, ColumnsPerLine).Append('\n');
        header.Append(body, i, body.Length - i).Append('\n');
    }

    /// <summary>
    /// Decodes unpadded base64 strictly, as age does: only the alphabet, no padding or whitespace, and unused bits
    /// zero, so every value has exactly one encoding (a header cannot be changed without changing its MAC input).
    /// </summary>
    public static bool TryDecodeRaw(string text, out byte[] data)
    {
        data = [];
        if (text.Length % 4 == 1 || text.AsSpan().IndexOfAnyExcept(Alphabet) >= 0)
            return false;
        data = Convert.FromBase64String(text.PadRight(text.Length + (4 - text.Length % 4) % 4, '='));
        return EncodeRaw(data) == text;
    }
}
