using System.Runtime.CompilerServices;

namespace Hearth.Testing;

/// <summary>Finds files of this repository (examples, the built CLI) from a test.</summary>
public static class RepositoryPaths
{
    public static string Root([CallerFilePath] string anyFile = "")
    {
        var directory = Path.GetDirectoryName(anyFile);
        while (directory is not null && !File.Exists(Path.Combine(directory, "Hearth.sln")))
            directory = Path.GetDirectoryName(directory);
        return directory ?? throw new InvalidOperationException("cannot find the repository root (Hearth.sln) above " + anyFile);
    }

    /// <summary>Copies a directory (e.g. examples/local) into <paramref name="target"/>.</summary>
    public static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith(".hearth", StringComparison.Ordinal) || relative.StartsWith("out", StringComparison.Ordinal))
                continue;
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }
}
