namespace Hearth.Dns.ZoneFiles;

/// <summary>
/// One directive or record of a zone file: its tokens, joined across lines inside parentheses and without
/// comments. <see cref="InheritsOwner"/> is set when the line starts with a blank, which means "same owner as before".
/// </summary>
internal sealed record ZoneFileEntry(IReadOnlyList<ZoneFileToken> Tokens, bool InheritsOwner, int Line);
