using Hearth.Core.Diagnostics;
using Hearth.Core.Planning;
using Hearth.Core.Resources;
using Hearth.Testing;

namespace Hearth.Core.Tests.Engine;

/// <summary>
/// A create-before-destroy replacement keeps the old object in the state (deposed) from before the new one is
/// made until it is deleted, so stopping at any point in between loses track of nothing.
/// </summary>
public sealed class DeposedObjectTests
{
    private const string Version1 = "resources:\n  test.a: { replace_me: v1, lifecycle: { create_before_destroy: true } }\n";
    private const string Version2 = "resources:\n  test.a: { replace_me: v2, lifecycle: { create_before_destroy: true } }\n";

    [Fact]
    public async Task While_the_old_object_is_being_deleted_the_state_on_disk_holds_both_objects()
    {
        using var engine = new EngineHarness(Version1);
        await engine.ApplyAsync();
        var oldId = Assert.Single(engine.Test.Objects).Key;
        engine.Lab.Write("hearth.yaml", Version2);
        var deleteStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.Test.BeforeDelete = _ =>
        {
            deleteStarted.TrySetResult();
            return release.Task;
        };

        var apply = engine.ApplyAsync();
        await deleteStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var onDisk = await engine.StateAsync(); // What a crash at this moment would leave.
        release.SetResult();
        await apply;

        Assert.Equal("v2", onDisk.Find(Address("test.a"))!.Attributes.GetString("replace_me"));
        var deposed = Assert.Single(onDisk.Deposed);
        Assert.Equal(oldId, deposed.Instance.Attributes.GetString("id"));
        Assert.Empty((await engine.StateAsync()).Deposed);
    }

    [Fact]
    public async Task A_deposed_object_left_by_a_failed_delete_is_planned_for_deletion_and_deleted_next_time()
    {
        using var engine = new EngineHarness(Version1);
        await engine.ApplyAsync();
        var oldId = Assert.Single(engine.Test.Objects).Key;
        engine.Lab.Write("hearth.yaml", Version2);
        engine.Test.BeforeDelete = _ => throw new ResourceException("the old object is busy");

        var (_, failed) = await engine.ApplyAsync();

        Assert.False(failed.Succeeded);
        Assert.Equal(2, engine.Test.Objects.Count);
        engine.Test.BeforeDelete = null;
        var plan = await engine.PlanAsync();
        var change = Assert.Single(plan.Actions);
        Assert.Equal((ChangeAction.Delete, "test.a"), (change.Action, change.Address.ToString()));
        Assert.Equal(Assert.Single((await engine.StateAsync()).Deposed).Key, change.DeposedKey);
        Assert.Equal(oldId, change.Before!.GetString("id"));

        var (_, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded);
        Assert.Equal(1, result.Destroyed);
        var remaining = Assert.Single(engine.Test.Objects);
        Assert.Equal("v2", remaining.Value.GetString("replace_me"));
        Assert.Empty((await engine.StateAsync()).Deposed);
        Assert.False((await engine.PlanAsync()).HasChanges);
    }

    [Fact]
    public async Task When_the_replacement_cannot_be_created_the_old_object_stays_current()
    {
        using var engine = new EngineHarness(Version1);
        await engine.ApplyAsync();
        var oldId = Assert.Single(engine.Test.Objects).Key;
        engine.Lab.Write("hearth.yaml", "resources:\n  test.a: { replace_me: v2, fail: true, lifecycle: { create_before_destroy: true } }\n");

        var (_, result) = await engine.ApplyAsync();

        Assert.False(result.Succeeded);
        var state = await engine.StateAsync();
        Assert.Equal(oldId, state.Find(Address("test.a"))!.Attributes.GetString("id"));
        Assert.Empty(state.Deposed);
        Assert.Equal(oldId, Assert.Single(engine.Test.Objects).Key);
    }

    [Fact]
    public async Task Destroy_deletes_deposed_objects_too()
    {
        using var engine = new EngineHarness(Version1);
        await engine.ApplyAsync();
        engine.Lab.Write("hearth.yaml", Version2);
        engine.Test.BeforeDelete = _ => throw new ResourceException("the old object is busy");
        await engine.ApplyAsync();
        engine.Test.BeforeDelete = null;

        var (plan, result) = await engine.ApplyAsync(new PlanOptions(PlanMode.Destroy));

        Assert.Equal(2, plan.ToDestroy);
        Assert.True(result.Succeeded);
        Assert.Empty(engine.Test.Objects);
        Assert.True((await engine.StateAsync()).IsEmpty);
    }

    private static Core.Addressing.ResourceAddress Address(string text) => Core.Addressing.ResourceAddress.Parse(text);
}
