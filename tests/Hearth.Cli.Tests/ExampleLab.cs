using Hearth.Testing;

namespace Hearth.Cli.Tests;

/// <summary>A private copy of examples/local in a temporary directory.</summary>
internal sealed class ExampleLab : IDisposable
{
    public ExampleLab()
    {
        Directory = Path.Combine(Path.GetTempPath(), "hearth-example-" + Guid.NewGuid().ToString("N")[..12]);
        RepositoryPaths.CopyDirectory(Path.Combine(RepositoryPaths.Root(), "examples", "local"), Directory);
    }

    public string Directory { get; }

    public Task<CliRunner.Result> RunAsync(params string[] args) => CliRunner.RunAsync(Directory, args);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
