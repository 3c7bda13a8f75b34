using Hearth.Core.Labs;
using Hearth.Core.State.Local;

namespace Hearth.Cli.Commands;

/// <summary>
/// The lab's <c>state:</c> section as text, for commands that write it (bootstrap): parsed the way the lab reads
/// it, and replaced in the file that holds it with everything else in that file kept as it was.
/// </summary>
internal static class LabSectionText
{
    /// <summary>The settings <paramref name="section"/> (a whole <c>state:</c> block) describes, checked as the lab would be.</summary>
    public static StateSettings ParseState(string section, string labDirectory)
    {
        var draft = Path.Combine(labDirectory, ".hearth", "bootstrap-state.yaml"); // Under .hearth/: never part of the lab.
        Directory.CreateDirectory(Path.GetDirectoryName(draft)!);
        File.WriteAllText(draft, section);
        try
        {
            return LabLoader.LoadStateSettingsFile(draft, labDirectory);
        }
        finally
        {
            File.Delete(draft);
        }
    }

    /// <summary>Puts <paramref name="section"/> in place of the lab's <c>state:</c> block, or at the end of hearth.yaml when it has none.</summary>
    /// <returns>The file written, relative to the lab.</returns>
    public static async Task<string> ReplaceStateAsync(string labDirectory, string section, CancellationToken cancellationToken)
    {
        var current = LabLoader.LoadStateSettings(labDirectory).State.Span;
        var relative = current.IsKnown ? current.File : LabLoader.RootFileName;
        var path = Path.Combine(labDirectory, relative);
        var lines = (await File.ReadAllLinesAsync(path, cancellationToken)).ToList();
        var start = current.IsKnown ? lines.FindLastIndex(Math.Min(current.Line, lines.Count) - 1, l => l.StartsWith("state:", StringComparison.Ordinal)) : -1;
        if (start < 0)
        {
            lines.Add("");
            lines.AddRange(section.TrimEnd('\n').Split('\n'));
        }
        else
        {
            var end = start + 1;
            while (end < lines.Count && (lines[end].Length == 0 || char.IsWhiteSpace(lines[end][0])))
                end++;
            while (end > start + 1 && lines[end - 1].Trim().Length == 0)
                end--; // Keep the blank lines that separate it from the next section.
            lines.RemoveRange(start, end - start);
            lines.InsertRange(start, section.TrimEnd('\n').Split('\n'));
        }
        await AtomicFile.WriteAsync(path, System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"), cancellationToken);
        return relative;
    }
}
