using Hearth.Core.State;
using Hearth.Secrets.Age;
using Hearth.Testing;
using Hearth.Testing.B2;

namespace Hearth.Cli.Tests.StateBackends;

/// <summary>`hearth bootstrap state`: from an empty B2 account to a lab whose state lives in a bucket it made itself.</summary>
public sealed class BootstrapStateTests
{
    private const string AccountKeyId = "005a1b2c3d4e5f6a7b8c9d0e2";
    private const string AccountKey = "K005bootstrapTestKeyNotARealOne0000";

    private const string Lab = """
        variables:
          b2_api: { default: "https://api.backblazeb2.com" }
        providers:
          b2: { application_key_id: "${secret:secrets/backblaze.yaml#key_id}", application_key: "${secret:secrets/backblaze.yaml#key}", endpoint: "${var.b2_api}" }
        storage:
          b2:
            buckets:
              lab-state-bucket: { type: allPrivate }
            keys:
              state-writer:
                bucket: lab-state-bucket
                capabilities: [listBuckets, listFiles, readFiles, writeFiles, deleteFiles]
                write_to: secrets/state-key.yaml
        resources:
          data.settings: { input: { region: home } }
        """;

    [Fact]
    public async Task Bootstrap_moves_the_state_into_a_bucket_it_creates_and_a_second_run_changes_nothing()
    {
        using var b2 = new FakeB2();
        b2.AddKey(AccountKeyId, AccountKey);
        await using var api = new HttpHandlerHost(b2);
        b2.Origin = api.Origin;
        var identity = AgeIdentity.Generate();
        using var lab = new TempLab(Lab,
            (".sops.yaml", $"creation_rules:\n  - path_regex: ^secrets/.*\\.yaml$\n    age: {identity.Recipient}\n"),
            ("secrets/backblaze.yaml", $"key_id: \"{AccountKeyId}\"\nkey: {AccountKey}\n"));
        var environment = new Dictionary<string, string> { ["SOPS_AGE_KEY"] = identity.ToSecretString(), ["HOME"] = lab.Directory };
        Assert.Equal(0, (await CliRunner.RunAsync(lab.Directory, ["sops", "-e", "-i", "secrets/backblaze.yaml"], environment: environment)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(lab.Directory, ["apply", "--auto-approve", "--target", "data.settings"], environment: environment)).ExitCode);
        string[] fake = ["--var", $"b2_api={api.Origin}"];

        var bootstrap = await CliRunner.RunAsync(lab.Directory, ["bootstrap", "state", "--bucket", "lab-state-bucket", "--key", "state-writer", .. fake], environment: environment);

        Assert.True(bootstrap.ExitCode == 0, bootstrap.Output + bootstrap.Error);
        Assert.Contains("  backend: b2\n  bucket: lab-state-bucket\n", await File.ReadAllTextAsync(lab.PathOf("hearth.yaml")), StringComparison.Ordinal);
        Assert.Single(b2.Buckets(), b => b.BucketName == "lab-state-bucket");
        var pull = await CliRunner.RunAsync(lab.Directory, ["state", "pull"], environment: environment);
        Assert.True(pull.ExitCode == 0, pull.Error);
        var state = StateSerializer.Read(System.Text.Encoding.UTF8.GetBytes(pull.Output), "state pull");
        Assert.Equal(["b2_bucket.lab-state-bucket", "b2_key.state-writer", "data.settings"], state.Resources.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        var plan = await CliRunner.RunAsync(lab.Directory, ["plan", "--detailed-exitcode", .. fake], environment: environment);
        Assert.True(plan.ExitCode == 0, plan.Output + plan.Error);

        var again = await CliRunner.RunAsync(lab.Directory, ["bootstrap", "state", "--bucket", "lab-state-bucket", "--key", "state-writer", .. fake], environment: environment);

        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("already kept in B2", again.Output, StringComparison.Ordinal);
        Assert.Single(b2.Buckets(), b => b.BucketName == "lab-state-bucket");
        Assert.Single(b2.Keys(), k => k.KeyName == "state-writer");
    }
}
