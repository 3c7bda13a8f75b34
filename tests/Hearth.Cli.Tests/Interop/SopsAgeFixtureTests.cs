using Hearth.Testing;

namespace Hearth.Cli.Tests.Interop;

/// <summary>
/// The harness's own check: files the real sops wrote for age keys (shared/fixtures/sops) decrypt to the same tree with
/// sops-age as with <c>hearth sops -d</c>, and both to the fixture's expected JSON. If this fails, distrust the
/// interop tests before Hearth.
/// </summary>
public sealed class SopsAgeFixtureTests : IDisposable
{
    private readonly TempLab _dir = new("resources: {}\n");

    public void Dispose() => _dir.Dispose();

    private static string Fixtures => Path.GetFullPath(Path.Combine(RepositoryPaths.Root(), "..", "shared", "fixtures", "sops"));

    [Theory]
    [InlineData("flux-secret-age.yaml", "flux-age.txt")]
    [InlineData("flux-secret-merge1.yaml", "flux-age.txt")]
    [InlineData("flux-age.env", "flux-age.txt")]
    [InlineData("flux-age-binary.txt", "flux-age.txt")]
    [InlineData("helmsecrets-secrets.age.yaml", "helmsecrets-age.txt")]
    [InlineData("terragrunt-age-key-with-space.yaml", "terragrunt-age.txt")]
    [InlineData("sopsnix-secrets.yaml", "sopsnix-age.txt")]
    public async Task A_file_sops_wrote_for_an_age_key_decrypts_alike_with_sops_age_and_hearth(string fixture, string keyFile)
    {
        var file = Path.Combine(Fixtures, fixture);
        var key = Path.Combine(Fixtures, "keys", keyFile);
        Assert.True(File.Exists(file), $"{file} is missing: shared/fixtures/sops must sit beside the repository");
        var expected = CanonicalJson.Of(File.ReadAllText(file + ".expected.json"));

        var bySopsAge = await NodeSopsDecoder.DecryptAsync(file, key);
        var byHearth = await CliRunner.RunAsync(_dir.Directory, ["sops", "-d", "--output-type", "json", file],
            environment: new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = key, ["HOME"] = _dir.Directory });

        Assert.True(byHearth.ExitCode == 0, byHearth.Error);
        Assert.Equal(expected, CanonicalJson.Of(bySopsAge));
        Assert.Equal(expected, CanonicalJson.Of(byHearth.Output));
    }
}
