using Hearth.Testing;

namespace Hearth.Cli.Tests;

/// <summary>`${secret:PATH#KEY}` in a lab, read from a real sops-written file.</summary>
public sealed class SecretReferenceTests
{
    private static string Fixtures => Path.GetFullPath(Path.Combine(RepositoryPaths.Root(), "..", "shared", "fixtures", "sops"));

    private static TempLab LabWithSecret(string key)
    {
        var lab = new TempLab($$"""
            resources:
              file.app_env:
                path: out/app.env
                mode: "0600"
                content: "KEY=${secret:secrets/app.yaml#{{key}}}\n"
            outputs:
              key: { value: "${secret:secrets/app.yaml#{{key}}}", sensitive: true }
            """);
        Directory.CreateDirectory(lab.PathOf("secrets"));
        File.Copy(Path.Combine(Fixtures, "flux-secret-age.yaml"), lab.PathOf("secrets/app.yaml"));
        return lab;
    }

    private static Dictionary<string, string> AgeKey() => new() { ["SOPS_AGE_KEY_FILE"] = Path.Combine(Fixtures, "keys", "flux-age.txt") };

    [Fact]
    public async Task A_secret_reaches_the_resource_but_never_the_output()
    {
        using var lab = LabWithSecret("stringData.key");

        var plan = await CliRunner.RunAsync(lab.Directory, ["plan"], environment: AgeKey());
        var apply = await CliRunner.RunAsync(lab.Directory, ["apply", "--auto-approve"], environment: AgeKey());

        Assert.Equal(0, apply.ExitCode);
        Assert.Equal("KEY=value\n", await File.ReadAllTextAsync(lab.PathOf("out/app.env")));
        Assert.Contains("+ content   = (sensitive value)", plan.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("KEY=value", plan.Output + apply.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_finds_a_missing_key_without_any_private_key()
    {
        using var lab = LabWithSecret("stringData.nope");

        var result = await CliRunner.RunAsync(lab.Directory, ["validate"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Error: hearth.yaml:5:19: `${secret:secrets/app.yaml#stringData.nope}`: secrets/app.yaml has no key `stringData.nope`", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_key_the_error_names_the_recipient()
    {
        using var lab = LabWithSecret("stringData.key");

        var result = await CliRunner.RunAsync(lab.Directory, ["plan"], environment: new Dictionary<string, string> { ["HOME"] = lab.Directory });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no available key opens secrets/app.yaml", result.Error, StringComparison.Ordinal);
        Assert.Contains("age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29", result.Error, StringComparison.Ordinal);
    }
}
