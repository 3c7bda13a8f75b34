using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hearth.Core.Diagnostics;
using Hearth.Core.Expressions;
using Hearth.Core.Syntax;
using Hearth.Core.Values;

namespace Hearth.Core.Labs;

/// <summary>
/// Loads a lab directory into a checked <see cref="Lab"/>. Every problem found is reported together, each
/// with its file:line:column and what to do; nothing touches the network or the state.
/// </summary>
public sealed partial class LabLoader(LabLoadOptions options)
{
    /// <summary>The file that makes a directory a lab.</summary>
    public const string RootFileName = LabFiles.RootFileName;

    private static readonly string[] CoreSections = ["lab", "state", "variables", "providers", "resources", "outputs"];

    /// <summary>Sections that belong to modules; named so a lab using one gets a clear message when that module is absent.</summary>
    private static readonly string[] ModuleSectionNames = ["dns", "storage", "proxmox", "hosts", "kubernetes", "diagrams"];

    /// <exception cref="LabException">The lab has one or more problems.</exception>
    public Lab Load(string labDirectory)
    {
        var directory = Path.GetFullPath(labDirectory);
        var files = LabFiles.Read(directory);
        var diagnostics = new DiagnosticBag();
        var sectionNames = CoreSections.Concat(options.Sections.Select(s => s.Name)).ToList();

        foreach (var (name, entries) in files.Sections)
        {
            if (sectionNames.Contains(name))
                continue;
            if (ModuleSectionNames.Contains(name))
                diagnostics.Add(entries[0].Key.Span, $"the `{name}:` section needs the {name} module, which this build of hearth does not include",
                    "remove the section, or use a hearth build with that module");
            else
                diagnostics.Add(entries[0].Key.Span, $"unknown section `{name}`",
                    NameSuggester.Hint(name, sectionNames.Concat(ModuleSectionNames).ToList(), "section"));
        }

        var labName = ReadLabName(files, directory, diagnostics);
        var state = ReadState(files, diagnostics);
        var (variables, values) = ReadVariables(files, directory, diagnostics);
        var providers = ReadProviders(files, diagnostics);
        var resources = ReadResources(files, diagnostics);
        foreach (var section in options.Sections)
            resources.AddRange(ExpandSection(section, files, new LabSectionContext(labName, providers), diagnostics));
        var outputs = ReadOutputs(files, diagnostics);
        CheckDuplicateAddresses(resources, diagnostics);
        var checkedResources = resources.ToImmutableArray();
        try
        {
            checkedResources = new LabReferenceChecker(resources, variables).Check(outputs, providers);
        }
        catch (LabException e)
        {
            diagnostics.Add(e);
        }
        diagnostics.ThrowIfAny();
        return new Lab(labName, directory, state, variables, values, checkedResources, [.. outputs], providers,
            [.. files.Loaded.Select(f => f.Path)], Fingerprint(files, values));
    }

    /// <summary>
    /// Reads only what locates the state (the lab's name and its <c>state:</c> section), so state commands work
    /// on a lab whose resources do not load.
    /// </summary>
    /// <exception cref="LabException">The lab's files cannot be read or its state section is malformed.</exception>
    public static (string Name, StateSettings State) LoadStateSettings(string labDirectory)
    {
        var directory = Path.GetFullPath(labDirectory);
        var files = LabFiles.Read(directory);
        var diagnostics = new DiagnosticBag();
        var name = ReadLabName(files, directory, diagnostics);
        var state = ReadState(files, diagnostics);
        diagnostics.ThrowIfAny();
        return (name, state);
    }

    /// <summary>The <c>state:</c> section of another file (the target of <c>hearth state migrate --to FILE</c>).</summary>
    /// <exception cref="LabException">The file cannot be read, has no state section, or the section is malformed.</exception>
    public static StateSettings LoadStateSettingsFile(string path, string labDirectory)
    {
        var files = LabFiles.ReadOther(path, Path.GetFullPath(labDirectory));
        if (!files.Sections.ContainsKey("state"))
            throw new LabException(SourceSpan.None, $"{path} has no state: section", "write the backend to move to as in the lab, e.g. state: { backend: s3, bucket: …, key: … }");
        var diagnostics = new DiagnosticBag();
        var state = ReadState(files, diagnostics);
        diagnostics.ThrowIfAny();
        return state;
    }

    private static string ReadLabName(LabFiles files, string directory, DiagnosticBag diagnostics)
    {
        if (!files.Sections.TryGetValue("lab", out var entries))
            return Path.GetFileName(directory);
        if (entries[0].Value is ScalarSyntax { Text.Length: > 0 } name && !name.Text.Contains("${", StringComparison.Ordinal))
            return name.Text;
        diagnostics.Add(entries[0].Value.Span, "lab must be a plain name", "e.g. lab: home");
        return Path.GetFileName(directory);
    }

    private static readonly string[] LocalStateKeys = ["backend", "path", "encrypt_to"];

    private static StateSettings ReadState(LabFiles files, DiagnosticBag diagnostics)
    {
        if (!files.Sections.TryGetValue("state", out var entries))
            return new StateSettings("local", StateSettings.DefaultPath, new MapExpression([], SourceSpan.None), SourceSpan.None);
        foreach (var duplicate in entries.Skip(1))
            diagnostics.Add(duplicate.Key.Span, $"`state` is defined twice; it is also defined at {entries[0].Key.Span}", "a lab has one state section");
        if (entries[0].Value is not MappingSyntax mapping)
        {
            diagnostics.Add(entries[0].Value.Span, "state must be a mapping", "e.g. state: { backend: local, path: .hearth/state.json }");
            return new StateSettings("local", StateSettings.DefaultPath, new MapExpression([], SourceSpan.None), SourceSpan.None);
        }
        var settings = (MapExpression)ExpressionParser.FromSyntax(mapping);
        var backendEntry = settings.Find("backend");
        var backend = (backendEntry?.Value as LiteralExpression)?.Value.ToText() ?? "local";
        if (backendEntry is { Value: not LiteralExpression })
            diagnostics.Add(backendEntry.Value.Span, "state.backend must be plain text", "one of local, s3, b2, postgres (variables cannot choose the backend)");
        var path = StateSettings.DefaultPath;
        if (settings.Find("path") is { } pathEntry)
        {
            if (pathEntry.Value is LiteralExpression { Value: StringValue text } && text.Text.Length > 0)
                path = text.Text;
            else
                diagnostics.Add(pathEntry.Value.Span, "state.path must be a plain file path", "e.g. path: .hearth/state.json (variables cannot be used here)");
        }
        if (backend == "local")
        {
            foreach (var unknown in settings.Entries.Where(e => !LocalStateKeys.Contains(e.Key)))
                diagnostics.Add(unknown.KeySpan, $"unknown setting `{unknown.Key}` for the local state backend", NameSuggester.Hint(unknown.Key, LocalStateKeys, "setting"));
        }
        return new StateSettings(backend, path, settings, mapping.Span);
    }

    private static ImmutableDictionary<string, MapExpression> ReadProviders(LabFiles files, DiagnosticBag diagnostics)
    {
        var providers = ImmutableDictionary.CreateBuilder<string, MapExpression>(StringComparer.Ordinal);
        foreach (var entry in MappingEntries(files, "providers", diagnostics))
        {
            try
            {
                if (ExpressionParser.FromSyntax(entry.Value) is MapExpression settings)
                    providers[entry.Key.Text] = settings;
                else
                    diagnostics.Add(entry.Value.Span, $"provider `{entry.Key.Text}` must be a mapping of settings");
            }
            catch (LabException e)
            {
                diagnostics.Add(e);
            }
        }
        return providers.ToImmutable();
    }

    private static IEnumerable<ResourceConfig> ExpandSection(ILabSection section, LabFiles files, LabSectionContext context, DiagnosticBag diagnostics)
    {
        var entries = MappingEntries(files, section.Name, diagnostics).ToImmutableArray();
        if (entries.IsEmpty)
            return [];
        try
        {
            return section.Expand(new MappingSyntax(entries, files.Sections[section.Name][0].Value.Span), context).ToList();
        }
        catch (LabException e)
        {
            diagnostics.Add(e);
            return [];
        }
    }

    /// <summary>The entries of a mapping section merged across files; a key in two files is an error naming both.</summary>
    private static IEnumerable<MappingEntry> MappingEntries(LabFiles files, string section, DiagnosticBag diagnostics)
    {
        if (!files.Sections.TryGetValue(section, out var parts))
            yield break;
        var seen = new Dictionary<string, ScalarSyntax>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            if (part.Value is ScalarSyntax { Text: "" })
                continue;
            if (part.Value is not MappingSyntax mapping)
            {
                diagnostics.Add(part.Value.Span, $"`{section}` must be a mapping, not {part.Value.Describe()}");
                continue;
            }
            foreach (var entry in mapping.Entries)
            {
                if (seen.TryGetValue(entry.Key.Text, out var first))
                {
                    diagnostics.Add(entry.Key.Span, $"`{section}.{entry.Key.Text}` is defined twice; it is also defined at {first.Span}",
                        "keep one of the two definitions");
                    continue;
                }
                seen[entry.Key.Text] = entry.Key;
                yield return entry;
            }
        }
    }

    private static void CheckDuplicateAddresses(IEnumerable<ResourceConfig> resources, DiagnosticBag diagnostics)
    {
        var seen = new Dictionary<Addressing.ResourceAddress, ResourceConfig>();
        foreach (var resource in resources)
        {
            if (!seen.TryAdd(resource.Address, resource))
                diagnostics.Add(resource.Span, $"resource {resource.Address} is defined twice; it is also defined at {seen[resource.Address].Span}",
                    "rename one of them");
        }
    }

    private static string Fingerprint(LabFiles files, ValueMap variables)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, content) in files.Loaded.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path + "\n"));
            hash.AppendData(SHA256.HashData(content));
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            ValueJson.Write(writer, new MapValue(variables));
        hash.AppendData(buffer.ToArray());
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
