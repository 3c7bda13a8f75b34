using System.Text;
using Hearth.Secrets.Age;
using Hearth.Testing;
using Hearth.Testing.S3;

namespace Hearth.Cli.Tests.StateBackends;

/// <summary>Remote state through the CLI, against a fake S3: a final write that fails, and encryption at rest.</summary>
public sealed class RemoteStateCommandTests : IAsyncLifetime
{
    private const string Key = "home/state.json";

    private const string Resources = """
        resources:
          random_password.vault: { length: 24 }
          file.motd: { path: out/motd.txt, content: "welcome to the-secret-garden" }
          data.cluster: { input: { name: plum-orchard, nodes: 3 } }
        """;

    private FakeS3Server _s3 = null!;

    public async Task InitializeAsync()
    {
        _s3 = await FakeS3Server.StartAsync();
        _s3.CreateBucket("hearth-state");
    }

    public async Task DisposeAsync() => await _s3.DisposeAsync();

    private string StateSection(string extra = "") => $$"""
        state: { backend: s3, bucket: hearth-state, key: {{Key}}, region: {{FakeS3Server.Region}}, endpoint: "{{_s3.Endpoint}}", path_style: true,
                 access_key: {{FakeS3Server.AccessKey}}, secret_key: {{FakeS3Server.SecretKey}}{{extra}} }
        """;

    [Fact]
    public async Task When_the_final_write_fails_the_state_is_saved_to_errored_state_and_push_restores_it()
    {
        using var lab = new TempLab(StateSection() + "\n" + Resources);
        _s3.RefuseWrites(Key);

        var apply = await CliRunner.RunAsync(lab.Directory, ["apply", "--auto-approve"]);

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("The state was NOT lost: it is saved in", apply.Error, StringComparison.Ordinal);
        Assert.Contains("hearth state push errored.hearth-state", apply.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(lab.PathOf("errored.hearth-state")));
        Assert.Empty(_s3.Versions("hearth-state", Key));

        _s3.RefuseWrites(Key, refuse: false);
        Directory.Delete(lab.PathOf(".hearth/remote"), recursive: true); // As if pushed from another machine.
        var push = await CliRunner.RunAsync(lab.Directory, ["state", "push", "errored.hearth-state"]);
        var plan = await CliRunner.RunAsync(lab.Directory, ["plan", "--detailed-exitcode"]);

        Assert.True(push.ExitCode == 0, push.Error);
        Assert.True(plan.ExitCode == 0, $"the pushed state does not account for what apply made: {plan.Output}{plan.Error}");
    }

    [Fact]
    public async Task With_encrypt_to_the_stored_bytes_hold_no_resource_name_or_value_and_the_lab_still_plans()
    {
        var identity = AgeIdentity.Generate();
        using var home = new TempLab("");
        var environment = new Dictionary<string, string> { ["HOME"] = home.Directory, ["SOPS_AGE_KEY"] = identity.ToSecretString() };
        using var lab = new TempLab(StateSection($", encrypt_to: [{identity.Recipient}]") + "\n" + Resources);

        var apply = await CliRunner.RunAsync(lab.Directory, ["apply", "--auto-approve"], environment: environment);
        var plan = await CliRunner.RunAsync(lab.Directory, ["plan", "--detailed-exitcode"], environment: environment);
        var withoutKey = await CliRunner.RunAsync(lab.Directory, ["plan"], environment: new Dictionary<string, string> { ["HOME"] = home.Directory });

        Assert.True(apply.ExitCode == 0, apply.Error);
        Assert.True(plan.ExitCode == 0, plan.Output + plan.Error);
        var stored = Encoding.UTF8.GetString(_s3.Versions("hearth-state", Key)[^1].Content);
        foreach (var secret in new[] { "random_password", "vault", "the-secret-garden", "plum-orchard", "motd", "lineage", "serial" })
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.Contains(identity.Recipient, stored, StringComparison.Ordinal); // The envelope names whom it is for.
        Assert.Equal(1, withoutKey.ExitCode);
        Assert.Contains(identity.Recipient, withoutKey.Error, StringComparison.Ordinal);
    }
}
