using Hearth.Core.State;
using Hearth.Testing;
using Hearth.Testing.B2;
using Hearth.Testing.Postgres;
using Hearth.Testing.S3;

namespace Hearth.Cli.Tests.StateBackends;

/// <summary>`hearth state migrate` carries one lab's state local → s3 → b2 → postgres → local, losing nothing.</summary>
public sealed class StateMigrationTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Resources = """
        resources:
          random_password.db: { length: 20 }
          file.notes: { path: out/notes.txt, content: "db password is set" }
          data.settings: { input: { region: home, replicas: 3 } }
        """;

    [Fact]
    public async Task The_state_moves_through_every_backend_keeping_lineage_serial_and_every_resource()
    {
        await using var s3 = await FakeS3Server.StartAsync();
        s3.CreateBucket("hearth-state");
        using var b2 = new FakeB2();
        await using var b2Host = new HttpHandlerHost(b2);
        b2.Origin = b2Host.Origin;
        b2.AddBucket("hearth-state");
        using var lab = new TempLab(Resources);
        var applied = await CliRunner.RunAsync(lab.Directory, ["apply", "--auto-approve"]);
        Assert.True(applied.ExitCode == 0, applied.Error);
        var original = await PullAsync(lab);

        string[] targets =
        [
            $$"""
            state: { backend: s3, bucket: hearth-state, key: home/state.json, region: {{FakeS3Server.Region}}, endpoint: "{{s3.Endpoint}}", path_style: true,
                     access_key: {{FakeS3Server.AccessKey}}, secret_key: {{FakeS3Server.SecretKey}} }
            """,
            $$"""
            state: { backend: b2, bucket: hearth-state, key: home/state.json, endpoint: "{{b2Host.Origin}}",
                     application_key_id: "{{b2.MasterKey.ApplicationKeyId}}", application_key: "{{b2.MasterKey.ApplicationKey}}", lock_settle_delay: 0.1 }
            """,
            $$"""
            state: { backend: postgres, conn_str: "{{postgres.ConnectionString}}", schema: {{postgres.NewSchemaName()}} }
            """,
            "state: { backend: local, path: .hearth/moved.json }",
        ];
        foreach (var target in targets)
        {
            lab.Write("target.yaml", target);
            var migrate = await CliRunner.RunAsync(lab.Directory, ["state", "migrate", "--to", "target.yaml"]);
            Assert.True(migrate.ExitCode == 0, $"{target}\n{migrate.Error}");
            Assert.Contains("and read it back", migrate.Output, StringComparison.Ordinal);
            var again = await CliRunner.RunAsync(lab.Directory, ["state", "migrate", "--to", "target.yaml"]);
            Assert.Contains("already holds this state", again.Output, StringComparison.Ordinal);

            lab.Write("hearth.yaml", target + "\n" + Resources);
            var moved = await PullAsync(lab);
            Assert.Equal((original.Lineage, original.Serial), (moved.Lineage, moved.Serial));
            Assert.Equal(original.Resources.Keys, moved.Resources.Keys);
            Assert.Equal(original.Resources.Values.Select(r => r.Attributes), moved.Resources.Values.Select(r => r.Attributes));
            var plan = await CliRunner.RunAsync(lab.Directory, ["plan", "--detailed-exitcode"]);
            Assert.True(plan.ExitCode == 0, $"after moving to {target}: {plan.Output}{plan.Error}");
        }
        Assert.True(File.Exists(lab.PathOf(".hearth/state.json")), "the first place's state must stay until the user removes it");
    }

    [Fact]
    public async Task A_target_that_holds_another_state_is_refused_and_left_as_it_was()
    {
        using var other = new TempLab("state: { backend: local, path: ../shared.json }\nresources:\n  data.x: { input: 1 }\n");
        Assert.Equal(0, (await CliRunner.RunAsync(other.Directory, ["apply", "--auto-approve"])).ExitCode);
        using var lab = new TempLab(Resources);
        Assert.Equal(0, (await CliRunner.RunAsync(lab.Directory, ["apply", "--auto-approve"])).ExitCode);
        var shared = Path.Combine(Path.GetDirectoryName(other.Directory)!, "shared.json");
        lab.Write("target.yaml", $"state: {{ backend: local, path: \"{shared}\" }}");
        var before = await File.ReadAllBytesAsync(shared);

        var migrate = await CliRunner.RunAsync(lab.Directory, ["state", "migrate", "--to", "target.yaml"]);

        Assert.Equal(1, migrate.ExitCode);
        Assert.Contains("already holds a state", migrate.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(shared));
    }

    private static async Task<StateDocument> PullAsync(TempLab lab)
    {
        var pull = await CliRunner.RunAsync(lab.Directory, ["state", "pull"]);
        Assert.True(pull.ExitCode == 0, pull.Error);
        return StateSerializer.Read(System.Text.Encoding.UTF8.GetBytes(pull.Output), "state pull");
    }
}
