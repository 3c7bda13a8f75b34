using System.Text;

namespace Hearth.Secrets.Age;

/// <summary>The header's base64: standard alphabet without padding, stanza bodies wrapped at 64 columns.</summary>
internal static class AgeBase64
{
    public static string EncodeRaw(ReadOnlySpan<byte> data) => Convert.ToBase64String(data).TrimEnd('=');

    /// <summary>A body ends with a line shorter than 64 columns, so a body filling whole lines is followed by an empty one.</summary>
    public static void AppendWrapped(StringBuilder header, string body)
    {
        var i = 0;
        for (; i + 64 <= body.Length; i += 64)
            header.Append(body, i, 64).Append('\n');
        header.Append(body, i, body.Length - i).Append('\n');
    }
}
