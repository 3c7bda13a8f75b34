using System.Text.Json;

namespace Hearth.Cli.Tests;

public sealed class SensitiveValueTests
{
    [Fact]
    public async Task A_generated_password_never_appears_in_plan_apply_json_or_show_output()
    {
        using var lab = new ExampleLab();
        var apply = await lab.RunAsync("apply", "--auto-approve");
        using var state = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(lab.Directory, ".hearth", "state.json")));
        var password = state.RootElement.GetProperty("outputs").GetProperty("db_password").GetProperty("value").GetString()!;
        Assert.Equal(24, password.Length);

        var outputs = new[]
        {
            apply,
            await lab.RunAsync("plan", "--replace", "random_password.db"),
            await lab.RunAsync("plan", "--json", "--replace", "random_password.db"),
            await lab.RunAsync("show"),
            await lab.RunAsync("show", "--json"),
            await lab.RunAsync("output"),
            await lab.RunAsync("state", "show", "file.db_env"),
        };

        foreach (var output in outputs)
        {
            Assert.DoesNotContain(password, output.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(password, output.Error, StringComparison.Ordinal);
        }
        Assert.Contains("Warning: the state holds sensitive values unencrypted", apply.Output, StringComparison.Ordinal);
        Assert.Equal(password, (await lab.RunAsync("output", "db_password", "--raw")).Output);
    }
}
