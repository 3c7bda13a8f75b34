using Hearth.Core.Addressing;
using Hearth.Core.Resources;
using Hearth.Core.State;
using Hearth.Core.Values;
using Hearth.Testing;

namespace Hearth.Core.Tests.State;

public sealed class ImporterTests
{
    [Fact]
    public async Task Import_hands_the_kind_the_labs_arguments_when_they_need_no_plan()
    {
        using var engine = new EngineHarness("""
            variables:
              v: { default: from-var }
            resources:
              test.a: { value: "${var.v}" }
              test.later: { value: "${test.a.id}" }
            """);
        var a = engine.Test.CreateOutside(new MapValue(ValueMap.Empty));
        var later = engine.Test.CreateOutside(new MapValue(ValueMap.Empty));
        var lab = engine.Load();

        await using (var session = await engine.Backend.OpenAsync(LockInfo.ForCurrentProcess("import", "test", "test"), TimeSpan.Zero, CancellationToken.None))
        {
            // test.later's value comes from test.a, which is not in the state yet: not known without a plan.
            await Importer.ImportAsync(lab, session, ResourceAddress.Parse("test.later"), later, ProviderSettings.None, CancellationToken.None);
            await Importer.ImportAsync(lab, session, ResourceAddress.Parse("test.a"), a, ProviderSettings.None, CancellationToken.None);
        }

        Assert.Equal(["import test.later value=(none)", "import test.a value=from-var"], engine.Log.Entries);
    }
}
