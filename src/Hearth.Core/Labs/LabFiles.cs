using Hearth.Core.Diagnostics;
using Hearth.Core.Syntax;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Hearth.Core.Labs;

/// <summary>
/// Reads hearth.yaml and, through <c>include:</c> globs (relative to the including file), every file it pulls in,
/// then merges their top-level sections: a key defined in two places is an error naming both.
/// </summary>
internal sealed class LabFiles
{
    public const string RootFileName = "hearth.yaml";

    private readonly string _labDirectory;
    private readonly List<(string Path, byte[] Content)> _loaded = [];
    private readonly DiagnosticBag _diagnostics = new();

    private LabFiles(string labDirectory) => _labDirectory = labDirectory;

    /// <summary>Every file read, relative to the lab, with its content (for the lab's fingerprint).</summary>
    public IReadOnlyList<(string Path, byte[] Content)> Loaded => _loaded;

    /// <summary>Top-level key → its entries (a mapping section merged across files), or the single value of a scalar section.</summary>
    public Dictionary<string, List<MergedEntry>> Sections { get; } = new(StringComparer.Ordinal);

    public static LabFiles Read(string labDirectory)
    {
        var files = new LabFiles(labDirectory);
        var root = Path.Combine(labDirectory, RootFileName);
        if (!File.Exists(root))
            throw new LabException(SourceSpan.None, $"no {RootFileName} in {labDirectory}",
                "run hearth in a lab directory, pass -C DIR, or create a lab with `hearth init`");
        files.ReadFile(root, new HashSet<string>(StringComparer.Ordinal));
        files._diagnostics.ThrowIfAny();
        return files;
    }

    /// <summary>One file of lab sections outside the lab's own files (a state section to migrate to), read the same way.</summary>
    public static LabFiles ReadOther(string path, string labDirectory)
    {
        var files = new LabFiles(labDirectory);
        if (!File.Exists(path))
            throw new LabException(SourceSpan.None, $"{path} does not exist", "name a YAML file holding a state: section");
        files.ReadFile(Path.GetFullPath(path), new HashSet<string>(StringComparer.Ordinal));
        files._diagnostics.ThrowIfAny();
        return files;
    }

    private void ReadFile(string fullPath, HashSet<string> seen)
    {
        if (!seen.Add(fullPath))
            return;
        var relative = Path.GetRelativePath(_labDirectory, fullPath).Replace('\\', '/');
        var content = File.ReadAllBytes(fullPath);
        _loaded.Add((relative, content));
        SyntaxNode? document;
        try
        {
            document = YamlSyntaxReader.Read(System.Text.Encoding.UTF8.GetString(content), relative);
        }
        catch (LabException e)
        {
            _diagnostics.Add(e);
            return;
        }
        if (document is null)
            return;
        if (document is not MappingSyntax mapping)
        {
            _diagnostics.Add(document.Span, $"{relative} must be a mapping of sections (lab:, resources:, …), not {document.Describe()}");
            return;
        }
        // A file's own sections first, then what it includes, so a clash is reported in the included file.
        foreach (var entry in mapping.Entries.Where(e => e.Key.Text != "include"))
            Merge(entry);
        foreach (var entry in mapping.Entries.Where(e => e.Key.Text == "include"))
        {
            foreach (var included in ResolveIncludes(entry.Value, Path.GetDirectoryName(fullPath)!))
                ReadFile(included, seen);
        }
    }

    private void Merge(MappingEntry entry)
    {
        if (!Sections.TryGetValue(entry.Key.Text, out var entries))
        {
            Sections[entry.Key.Text] = [new MergedEntry(entry.Key, entry.Value)];
            return;
        }
        if (entry.Value is not MappingSyntax incoming || entries[0].Value is not MappingSyntax)
        {
            _diagnostics.Add(entry.Key.Span, $"`{entry.Key.Text}` is defined twice; it is also defined at {entries[0].Key.Span}",
                "keep one definition");
            return;
        }
        entries.Add(new MergedEntry(entry.Key, incoming));
    }

    private IEnumerable<string> ResolveIncludes(SyntaxNode node, string baseDirectory)
    {
        var patterns = node switch
        {
            ScalarSyntax s => [s],
            SequenceSyntax l => l.Items.OfType<ScalarSyntax>().ToList(),
            _ => [],
        };
        if (node is not (ScalarSyntax or SequenceSyntax) || (node is SequenceSyntax seq && seq.Items.Any(i => i is not ScalarSyntax)))
        {
            _diagnostics.Add(node.Span, "include must be a list of file paths or globs", "e.g. include: [dns/*.yaml, proxmox.yaml]");
            return [];
        }
        var found = new List<string>();
        foreach (var pattern in patterns)
        {
            var hasWildcard = pattern.Text.AsSpan().IndexOfAny('*', '?', '[') >= 0;
            if (!hasWildcard)
            {
                var path = Path.GetFullPath(pattern.Text, baseDirectory);
                if (File.Exists(path))
                    found.Add(path);
                else
                    _diagnostics.Add(pattern.Span, $"included file {pattern.Text} does not exist", "fix the path (relative to the including file) or remove it");
                continue;
            }
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(pattern.Text);
            found.AddRange(matcher.GetResultsInFullPath(baseDirectory).Order(StringComparer.Ordinal));
        }
        return found;
    }
}
