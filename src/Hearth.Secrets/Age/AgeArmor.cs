using System.Buffers;

namespace Hearth.Secrets.Age;

/// <summary>
/// age's ASCII armor (PEM-like): a BEGIN line, the binary file as padded standard base64 in 64-column lines, an END
/// line, and a final newline.
/// </summary>
internal static class AgeArmor
{
    public static ReadOnlySpan<byte> Begin => "-----BEGIN AGE ENCRYPTED FILE-----"u8;
    public static ReadOnlySpan<byte> End => "-----END AGE ENCRYPTED FILE-----"u8;

    /// <summary>Blank space age tolerates before the BEGIN line and after the END line.</summary>
    public const int MaxWhitespace = 1024;

    public static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\n\v\f\r"u8);

    /// <summary>
    /// Whether <paramref name="text"/> starts as armor does (blank space, then the BEGIN line); null while it is too short
    /// to tell and more may follow (<paramref name="final"/> false).
    /// </summary>
    public static bool? IsArmored(ReadOnlySpan<byte> text, bool final)
    {
        var start = text.IndexOfAnyExcept(Whitespace);
        if (start < 0)
            return final || text.Length > MaxWhitespace ? false : null;
        var rest = text[start..];
        var known = Math.Min(rest.Length, Begin.Length);
        if (!rest[..known].SequenceEqual(Begin[..known]))
            return false;
        if (known == Begin.Length)
            return true;
        return final ? false : null;
    }
}
