using Hearth.Secrets.Age;
using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Tests.Robustness;

/// <summary>Reading a file as <c>hearth sops -d</c> does, and what a failure tells the user.</summary>
internal static class SopsReading
{
    /// <summary>Parses <paramref name="content"/> in <paramref name="format"/> and decrypts it.</summary>
    /// <exception cref="SecretsException">Whatever is wrong with it; any other exception is a bug.</exception>
    public static IReadOnlyList<SopsMap> Decrypt(byte[] content, string fileName, string format, IReadOnlyList<AgeIdentity> identities)
    {
        var document = SopsFiles.StoreFor(format).Parse(content, fileName).ToDocument(fileName);
        return new SopsDecryptor(identities).Decrypt(document, fileName);
    }

    /// <summary>Everything a user may be shown: the message, the hint, and the messages of the causes (printed with --debug).</summary>
    public static string Shown(SecretsException error)
    {
        var parts = new List<string> { error.Message, error.Hint ?? "" };
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
            parts.Add(inner.Message);
        return string.Join("\n", parts);
    }

    /// <summary>
    /// Where <paramref name="plaintext"/> shows in <paramref name="shown"/>, or null. A short plaintext ("value", "True")
    /// is also an ordinary word of Hearth's own messages, so it counts only quoted or after <c>=</c> or <c>: </c>,
    /// the forms a leaked value takes; one of six characters or more counts anywhere.
    /// </summary>
    public static string? Leak(string shown, string plaintext)
    {
        if (plaintext.Length == 0)
            return null;
        if (plaintext.Length >= 6)
            return shown.Contains(plaintext, StringComparison.Ordinal) ? plaintext : null;
        string[] quoted = [$"'{plaintext}'", $"\"{plaintext}\"", $"`{plaintext}`"];
        if (quoted.FirstOrDefault(q => shown.Contains(q, StringComparison.Ordinal)) is { } found)
            return found;
        return shown.Split('\n').FirstOrDefault(line =>
            line.EndsWith("=" + plaintext, StringComparison.Ordinal) || line.EndsWith(": " + plaintext, StringComparison.Ordinal));
    }

    /// <summary>Every scalar of the documents as the text sops encrypts (str as is, int and float as Go prints them, bool True/False).</summary>
    public static IEnumerable<string> Plaintexts(IEnumerable<SopsNode> nodes)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case SopsMap map:
                    foreach (var text in Plaintexts(map.Entries.Select(e => e.Value)))
                        yield return text;
                    break;
                case SopsList list:
                    foreach (var text in Plaintexts(list.Items))
                        yield return text;
                    break;
                case SopsComment comment:
                    yield return comment.Text;
                    break;
                case SopsScalar { Value: bool flag }:
                    yield return flag ? "True" : "False";
                    break;
                case SopsScalar { Value: byte[] bytes }:
                    yield return System.Text.Encoding.UTF8.GetString(bytes);
                    break;
                case SopsScalar { Value: double number }:
                    yield return number.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case SopsScalar { Value: { } value }:
                    yield return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
                    break;
            }
        }
    }
}
