using System.Text;

namespace Hearth.Storage.B2;

/// <summary>File names as B2 takes them in <c>X-Bz-File-Name</c>: UTF-8, percent-encoded except unreserved characters and <c>/</c>.</summary>
internal static class B2FileNames
{
    /// <summary>Longest name B2 accepts, in UTF-8 bytes.</summary>
    public const int MaxBytes = 1024;

    /// <summary>
    /// Percent-encodes every byte except letters, digits, <c>-._~</c> and <c>/</c> (as b2sdk does); a <c>+</c>
    /// becomes <c>%2B</c>, since B2 reads a bare <c>+</c> as a space.
    /// </summary>
    public static string Encode(string fileName)
    {
        var builder = new StringBuilder(fileName.Length);
        foreach (var b in Encoding.UTF8.GetBytes(fileName))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '/')
                builder.Append(c);
            else
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }
}
