using Hearth.Core.Diagnostics;

namespace Hearth.Dns.ZoneFiles;

/// <summary>
/// Splits zone-file text (RFC 1035 §5.1) into entries: blanks separate words, <c>;</c> starts a comment, a
/// parenthesis lets an entry go on over several lines (as SOA records often do), quoted strings keep their blanks,
/// and a backslash escapes the next character.
/// </summary>
internal static class ZoneFileTokenizer
{
    public static List<ZoneFileEntry> Read(string text, string fileName)
    {
        var entries = new List<ZoneFileEntry>();
        var tokens = new List<ZoneFileToken>();
        var (line, column, depth, entryLine) = (1, 1, 0, 1);
        var inheritsOwner = text.Length > 0 && text[0] is ' ' or '\t';
        var (openLine, openColumn) = (0, 0);
        var i = 0;

        void EndEntry()
        {
            if (tokens.Count > 0)
                entries.Add(new ZoneFileEntry(tokens.ToArray(), inheritsOwner, entryLine));
            tokens.Clear();
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                if (depth == 0)
                    EndEntry();
                (i, line, column) = (i + 1, line + 1, 1);
                if (depth == 0)
                {
                    entryLine = line;
                    inheritsOwner = i < text.Length && text[i] is ' ' or '\t';
                }
                continue;
            }
            if (c is ' ' or '\t' or '\r')
            {
                (i, column) = (i + 1, column + 1);
                continue;
            }
            if (c == ';')
            {
                while (i < text.Length && text[i] != '\n')
                    i++;
                continue;
            }
            if (c == '(')
            {
                if (depth++ == 0)
                    (openLine, openColumn) = (line, column);
                (i, column) = (i + 1, column + 1);
                continue;
            }
            if (c == ')')
            {
                if (depth == 0)
                    throw new ZoneFileException(new SourceSpan(fileName, line, column), "')' without a matching '('");
                depth--;
                (i, column) = (i + 1, column + 1);
                continue;
            }
            if (c == '"')
            {
                var end = ClosingQuote(text, i + 1);
                if (end < 0)
                    throw new ZoneFileException(new SourceSpan(fileName, line, column), "a quoted string is not closed on its line", "add the closing '\"'");
                tokens.Add(new ZoneFileToken(text[(i + 1)..end], Quoted: true, line, column));
                column += end + 1 - i;
                i = end + 1;
                continue;
            }
            var start = i;
            while (i < text.Length && text[i] is not (' ' or '\t' or '\r' or '\n' or ';' or '(' or ')'))
            {
                if (text[i] == '"')
                {
                    // A quote inside a word (SVCB/HTTPS key="a b") belongs to the word, blanks and all, as in BIND.
                    var close = ClosingQuote(text, i + 1);
                    if (close < 0)
                        throw new ZoneFileException(new SourceSpan(fileName, line, column + i - start), "a quoted string is not closed on its line", "add the closing '\"'");
                    i = close + 1;
                    continue;
                }
                i += text[i] == '\\' && i + 1 < text.Length && text[i + 1] != '\n' ? 2 : 1;
            }
            tokens.Add(new ZoneFileToken(text[start..i], Quoted: false, line, column));
            column += i - start;
        }
        if (depth > 0)
            throw new ZoneFileException(new SourceSpan(fileName, openLine, openColumn), "'(' is never closed", "add the closing ')'");
        EndEntry();
        return entries;
    }

    /// <summary>The index of the quote closing a string that starts at <paramref name="start"/>, or -1 when the line ends first.</summary>
    private static int ClosingQuote(string text, int start)
    {
        var end = start;
        while (end < text.Length && text[end] != '"' && text[end] != '\n')
            end += text[end] == '\\' && end + 1 < text.Length && text[end + 1] != '\n' ? 2 : 1;
        return end < text.Length && text[end] == '"' ? end : -1;
    }
}
