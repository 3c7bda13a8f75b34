namespace Hearth.Dns.ZoneFiles;

/// <summary>
/// One word of a zone file as written: for a quoted string, <see cref="Text"/> is what is between the quotes;
/// presentation escapes (<c>\"</c>, <c>\DDD</c>) are left in for the value parsers to read.
/// </summary>
internal sealed record ZoneFileToken(string Text, bool Quoted, int Line, int Column)
{
    /// <summary>The token as it would be written back: quoted strings with their quotes.</summary>
    public string Written => Quoted ? $"\"{Text}\"" : Text;
}
