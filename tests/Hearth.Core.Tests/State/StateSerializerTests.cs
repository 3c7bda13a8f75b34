using Hearth.Core.Addressing;
using Hearth.Core.State;
using Hearth.Core.Values;

namespace Hearth.Core.Tests.State;

public sealed class StateSerializerTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "State", "Fixtures", name);

    [Fact]
    public void A_version_1_state_round_trips_byte_for_byte()
    {
        var original = File.ReadAllBytes(Fixture("state-v1.json"));

        var state = StateSerializer.Read(original, "state-v1.json");
        var written = StateSerializer.ToBytes(state, "0.1.0");

        Assert.Equal(System.Text.Encoding.UTF8.GetString(original).TrimEnd(), System.Text.Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void Sensitive_attributes_stay_marked_after_a_reload()
    {
        var state = StateSerializer.Read(File.ReadAllBytes(Fixture("state-v1.json")), "state-v1.json");

        var password = state.Find(ResourceAddress.Parse("random_password.db"))!;

        Assert.IsType<SensitiveValue>(password.Attributes.Get("result"));
        Assert.Equal("(sensitive value)", password.Attributes.Get("result")!.ToString());
    }

    [Fact]
    public void A_state_from_a_newer_format_is_refused_with_a_hint()
    {
        var error = Assert.Throws<Diagnostics.StateException>(() =>
            StateSerializer.Read("""{"version": 99, "lineage": "6b7c1c5e-0000-4000-8000-000000000000", "serial": 1, "resources": []}"""u8, "x.json"));

        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }
}
