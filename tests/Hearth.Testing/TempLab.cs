using Hearth.Core.Labs;
using Hearth.Core.Resources;
using Hearth.Core.Resources.BuiltIn;

namespace Hearth.Testing;

/// <summary>A lab in a fresh temporary directory, removed on dispose.</summary>
public sealed class TempLab : IDisposable
{
    public TempLab(string hearthYaml, params (string Path, string Content)[] files)
    {
        Directory = Path.Combine(Path.GetTempPath(), "hearth-test-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        Write("hearth.yaml", hearthYaml);
        foreach (var (path, content) in files)
            Write(path, content);
    }

    public string Directory { get; }

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    public void Write(string relative, string content)
    {
        var path = PathOf(relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
    }

    public Lab Load(IReadOnlyList<KeyValuePair<string, string>>? variables = null, IReadOnlyDictionary<string, string>? environment = null,
        ResourceTypeRegistry? registry = null, IReadOnlyList<ILabSection>? sections = null) =>
        new LabLoader(new LabLoadOptions(variables ?? [], environment ?? new Dictionary<string, string>(),
            registry ?? new ResourceTypeRegistry(BuiltInResourceTypes.Create()), sections ?? [])).Load(Directory);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A process under test may still hold a file; the OS cleans temp eventually.
        }
    }
}
