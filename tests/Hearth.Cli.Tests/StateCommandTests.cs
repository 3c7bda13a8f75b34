using System.Text.Json;
using Hearth.Testing;

namespace Hearth.Cli.Tests;

public sealed class StateCommandTests
{
    private static async Task<ExampleLab> AppliedLab()
    {
        var lab = new ExampleLab();
        var apply = await lab.RunAsync("apply", "--auto-approve");
        Assert.Equal(0, apply.ExitCode);
        return lab;
    }

    [Fact]
    public async Task State_list_prints_every_instance_and_filters_by_prefix()
    {
        using var lab = await AppliedLab();

        var all = await lab.RunAsync("state", "list");
        var nodes = await lab.RunAsync("state", "list", "data.node");

        Assert.Equal(11, all.Output.Trim().Split('\n').Length);
        Assert.Equal("data.node[\"alpha\"]\ndata.node[\"beta\"]\ndata.node[\"gamma\"]\n", nodes.Output);
    }

    [Fact]
    public async Task State_show_prints_attributes_with_sensitive_ones_redacted()
    {
        using var lab = await AppliedLab();

        var result = await lab.RunAsync("state", "show", "random_password.db");

        Assert.Contains("# random_password.db:", result.Output, StringComparison.Ordinal);
        Assert.Contains("result  = (sensitive value)", result.Output, StringComparison.Ordinal);
        Assert.Contains("length  = 24", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_rm_forgets_without_destroying_and_the_next_plan_recreates()
    {
        using var lab = await AppliedLab();

        var removed = await lab.RunAsync("state", "rm", "file.motd");
        var plan = await lab.RunAsync("plan");

        Assert.Equal(0, removed.ExitCode);
        Assert.Contains("Removed file.motd", removed.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(lab.Directory, "out", "motd.txt")));
        Assert.Contains("# file.motd will be created", plan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_mv_renames_so_a_renamed_resource_is_not_recreated()
    {
        using var lab = await AppliedLab();
        foreach (var file in new[] { "hearth.yaml", "nodes.yaml" }.Select(f => Path.Combine(lab.Directory, f)))
            await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("data.site", "data.home", StringComparison.Ordinal));

        var moved = await lab.RunAsync("state", "mv", "data.site", "data.home");
        var plan = await lab.RunAsync("plan");

        Assert.Equal(0, moved.ExitCode);
        Assert.Contains("Move \"data.site\" to \"data.home\"", moved.Output, StringComparison.Ordinal);
        Assert.Equal("No changes. Your lab matches the configuration.\n", plan.Output);
    }

    [Fact]
    public async Task State_pull_and_push_round_trip_and_push_refuses_an_older_state()
    {
        using var lab = await AppliedLab();
        var pulled = await lab.RunAsync("state", "pull");
        var saved = Path.Combine(lab.Directory, "saved.json");
        await File.WriteAllTextAsync(saved, pulled.Output);
        await lab.RunAsync("state", "rm", "data.site");

        var older = await lab.RunAsync("state", "push", "saved.json");
        var forced = await lab.RunAsync("state", "push", "--force", "saved.json");
        var list = await lab.RunAsync("state", "list", "data.site");

        Assert.Equal(1, older.ExitCode);
        Assert.Contains("older than the current one", older.Error, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal("data.site\n", list.Output);
        using var json = JsonDocument.Parse(pulled.Output);
        Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Import_adopts_an_existing_file_into_a_declared_address()
    {
        using var lab = new TempLab("resources:\n  file.notes: { path: notes.txt, content: \"hello\\n\" }\n");
        await File.WriteAllTextAsync(lab.PathOf("notes.txt"), "hello\n");

        var imported = await CliRunner.RunAsync(lab.Directory, ["import", "file.notes", "notes.txt"]);
        var plan = await CliRunner.RunAsync(lab.Directory, ["plan"]);
        var again = await CliRunner.RunAsync(lab.Directory, ["import", "file.notes", "notes.txt"]);

        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("Import successful!", imported.Output, StringComparison.Ordinal);
        Assert.Equal("No changes. Your lab matches the configuration.\n", plan.Output);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("file.notes is already managed", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_into_a_key_for_each_does_not_have_is_refused_naming_the_keys_it_has()
    {
        using var lab = new TempLab("resources:\n  file.notes: { for_each: [a, b], path: \"${each.key}.txt\", content: x }\n");
        await File.WriteAllTextAsync(lab.PathOf("c.txt"), "x");

        var result = await CliRunner.RunAsync(lab.Directory, ["import", "file.notes[\"c\"]", "c.txt"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("file.notes's for_each has no key \"c\"", result.Error, StringComparison.Ordinal);
        Assert.Contains("file.notes[\"a\"], file.notes[\"b\"]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_hides_sensitive_values_unless_asked()
    {
        using var lab = await AppliedLab();

        var all = await lab.RunAsync("output");
        var one = await lab.RunAsync("output", "motd_path", "--raw");
        var json = await lab.RunAsync("output", "--json");
        var missing = await lab.RunAsync("output", "motd_pth");

        Assert.Contains("db_password = (sensitive value)", all.Output, StringComparison.Ordinal);
        Assert.Contains("motd_path = \"out/motd.txt\"", all.Output, StringComparison.Ordinal);
        Assert.Equal("out/motd.txt", one.Output);
        using var document = JsonDocument.Parse(json.Output);
        Assert.True(document.RootElement.GetProperty("db_password").GetProperty("sensitive").GetBoolean());
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("did you mean `motd_path`?", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Destroy_removes_every_object_and_empties_the_state()
    {
        using var lab = await AppliedLab();

        var result = await lab.RunAsync("destroy", "--auto-approve");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Destroy complete! Resources: 11 destroyed.", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(lab.Directory, "out", "motd.txt")));
        Assert.False(File.Exists(Path.Combine(lab.Directory, "out", "stamp.txt")));
        Assert.Equal("", (await lab.RunAsync("state", "list")).Output);
    }

    [Fact]
    public async Task A_deposed_object_in_the_state_is_shown_in_the_plan_and_deleted_by_apply()
    {
        using var lab = await AppliedLab();
        var leftover = Path.Combine(lab.Directory, "out", "motd.old.txt");
        await File.WriteAllTextAsync(leftover, "from before the replacement\n");
        var state = System.Text.Json.Nodes.JsonNode.Parse((await lab.RunAsync("state", "pull")).Output)!;
        var deposed = state["resources"]!.AsArray().First(r => (string?)r!["address"] == "file.motd")!.DeepClone();
        deposed["deposed_key"] = "0badf00d";
        deposed["attributes"]!["path"] = "out/motd.old.txt";
        deposed["attributes"]!["id"] = "out/motd.old.txt";
        state["deposed"] = new System.Text.Json.Nodes.JsonArray(deposed);
        await File.WriteAllTextAsync(Path.Combine(lab.Directory, "with-deposed.json"), state.ToJsonString());
        Assert.Equal(0, (await lab.RunAsync("state", "push", "with-deposed.json")).ExitCode);

        var show = await lab.RunAsync("show");
        var plan = await lab.RunAsync("plan");
        var json = JsonDocument.Parse((await lab.RunAsync("plan", "--json")).Output);
        var apply = await lab.RunAsync("apply", "--auto-approve");

        Assert.Contains("  # file.motd (deposed object 0badf00d) will be destroyed\n  - file \"motd\" {", plan.Output, StringComparison.Ordinal);
        Assert.Contains("Plan: 0 to add, 0 to change, 1 to destroy.", plan.Output, StringComparison.Ordinal);
        Assert.Contains("# file.motd: (deposed object 0badf00d)\nfile \"motd\" {", show.Output, StringComparison.Ordinal);
        var change = Assert.Single(json.RootElement.GetProperty("resource_changes").EnumerateArray(), c => c.TryGetProperty("deposed", out _));
        Assert.Equal("0badf00d", change.GetProperty("deposed").GetString());
        Assert.Equal(0, apply.ExitCode);
        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(Path.Combine(lab.Directory, "out", "motd.txt")));
        Assert.Equal("No changes. Your lab matches the configuration.\n", (await lab.RunAsync("plan")).Output);
    }
}
