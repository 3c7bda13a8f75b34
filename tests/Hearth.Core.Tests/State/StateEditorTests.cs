using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Core.Values;

namespace Hearth.Core.Tests.State;

public sealed class StateEditorTests
{
    private static StateDocument With(params string[] addresses) => addresses.Aggregate(StateDocument.CreateNew(), (state, address) =>
        state.With(new StateChange.PutResource(new ResourceInstanceState(ResourceAddress.Parse(address), new MapValue(ValueMap.Empty), []))));

    [Fact]
    public void Removing_a_resource_address_removes_all_its_instances()
    {
        var (state, removed) = StateEditor.Remove(With("data.n[\"a\"]", "data.n[\"b\"]", "data.x"), [ResourceAddress.Parse("data.n")]);

        Assert.Equal(2, removed.Count);
        Assert.Equal(["data.x"], state.Resources.Keys.Select(k => k.ToString()));
    }

    [Fact]
    public void Removing_what_is_not_there_is_an_error()
    {
        Assert.Throws<StateException>(() => StateEditor.Remove(With("data.x"), [ResourceAddress.Parse("data.y")]));
    }

    [Fact]
    public void Moving_a_resource_keeps_its_keys()
    {
        var (state, _) = StateEditor.Move(With("data.n[\"a\"]", "data.n[\"b\"]"), ResourceAddress.Parse("data.n"), ResourceAddress.Parse("data.m"));

        Assert.Equal(["data.m[\"a\"]", "data.m[\"b\"]"], state.Resources.Keys.Select(k => k.ToString()));
    }

    [Fact]
    public void Moving_onto_an_existing_address_or_another_kind_is_refused()
    {
        Assert.Throws<StateException>(() => StateEditor.Move(With("data.a", "data.b"), ResourceAddress.Parse("data.a"), ResourceAddress.Parse("data.b")));
        Assert.Throws<StateException>(() => StateEditor.Move(With("data.a"), ResourceAddress.Parse("data.a"), ResourceAddress.Parse("file.a")));
    }

    [Fact]
    public void Push_refuses_another_lineage_or_an_older_serial_unless_forced()
    {
        var current = With("data.a") with { Serial = 5 };
        var other = With("data.b") with { Serial = 9 };
        var older = current with { Serial = 3 };

        Assert.Throws<StateException>(() => StateEditor.Push(current, other, force: false));
        Assert.Throws<StateException>(() => StateEditor.Push(current, older, force: false));
        Assert.Equal(10, StateEditor.Push(current, other, force: true).Serial);
        Assert.Equal(6, StateEditor.Push(current, current, force: false).Serial);
    }
}
