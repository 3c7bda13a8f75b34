using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Resources;
using Hearth.Testing;

namespace Hearth.Core.Tests.Engine;

/// <summary>The lab's providers: section reaches every operation, evaluated once, and never the state.</summary>
public sealed class ProviderSettingsTests
{
    [Fact]
    public async Task Operations_see_the_evaluated_provider_settings_and_the_state_does_not_keep_them()
    {
        using var engine = new EngineHarness("""
            variables:
              host: { default: "api.example.test" }
              token: { default: "s3cret", sensitive: true }
            providers:
              test: { endpoint: "https://${var.host}/v1", token: "${var.token}" }
            resources:
              test.a: { value: 1 }
            """);

        var (_, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded);
        var created = Assert.Single(engine.Test.Objects).Value;
        Assert.Equal("https://api.example.test/v1", created.GetString("endpoint_seen"));
        Assert.DoesNotContain("s3cret", await File.ReadAllTextAsync(engine.Lab.PathOf(".hearth/state.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_provider_setting_may_not_refer_to_a_resource_or_an_undeclared_variable()
    {
        using var engine = new EngineHarness("""
            providers:
              test: { endpoint: "${test.a.id}", token: "${var.tokn}" }
            variables:
              token: { default: x }
            resources:
              test.a: { value: 1 }
            """);

        var error = Assert.Throws<LabException>(() => engine.Load());

        Assert.Contains(error.Diagnostics, d => d.Message == "providers.test refers to test.a; provider settings may use variables and secrets only");
        Assert.Contains(error.Diagnostics, d => d.Message.Contains("tokn", StringComparison.Ordinal) && d.Hint!.Contains("token", StringComparison.Ordinal));
    }

    [Fact]
    public void A_kind_asking_for_a_provider_the_lab_lacks_gets_an_error_saying_what_to_add()
    {
        var error = Assert.Throws<ResourceException>(() => ProviderSettings.None.Require("cloudflare", ResourceAddress.Parse("dns_record.x")));

        Assert.Equal("dns_record.x needs the `cloudflare` provider, which the lab's providers: section does not configure", error.Message);
        Assert.Contains("providers:", error.Hint, StringComparison.Ordinal);
    }
}
