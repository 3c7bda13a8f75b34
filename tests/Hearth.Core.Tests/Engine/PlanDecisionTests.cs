using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Planning;
using Hearth.Core.Resources;
using Hearth.Core.Values;
using Hearth.Testing;

namespace Hearth.Core.Tests.Engine;

public sealed class PlanDecisionTests
{
    [Fact]
    public async Task Changing_an_ordinary_attribute_updates_in_place()
    {
        using var engine = new EngineHarness("resources:\n  test.a: { value: one, replace_me: x }\n");
        await engine.ApplyAsync();
        engine.Lab.Write("hearth.yaml", "resources:\n  test.a: { value: two, replace_me: x }\n");

        var (plan, result) = await engine.ApplyAsync();

        var change = Assert.Single(plan.Actions);
        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal(1, result.Changed);
        Assert.Equal("update test.a", engine.Log.Entries[^1]);
    }

    [Fact]
    public async Task Changing_an_attribute_that_forces_replacement_deletes_then_creates()
    {
        using var engine = new EngineHarness("resources:\n  test.a: { value: one, replace_me: x }\n");
        await engine.ApplyAsync();
        engine.Lab.Write("hearth.yaml", "resources:\n  test.a: { value: one, replace_me: y }\n");

        var (plan, result) = await engine.ApplyAsync();

        var change = Assert.Single(plan.Actions);
        Assert.Equal(ChangeAction.DeleteThenCreate, change.Action);
        Assert.Equal(["replace_me"], change.ReplacePaths.ToArray());
        Assert.Equal(["create test.a", "delete test.a", "create test.a"], engine.Log.Entries);
        Assert.Equal((1, 1), (result.Added, result.Destroyed));
        Assert.Single(engine.Test.Objects);
    }

    [Fact]
    public async Task Create_before_destroy_creates_the_replacement_first()
    {
        using var engine = new EngineHarness("""
            resources:
              test.a:
                replace_me: x
                lifecycle: { create_before_destroy: true }
            """);
        await engine.ApplyAsync();
        engine.Lab.Write("hearth.yaml", """
            resources:
              test.a:
                replace_me: y
                lifecycle: { create_before_destroy: true }
            """);

        var (plan, _) = await engine.ApplyAsync();

        Assert.Equal(ChangeAction.CreateThenDelete, Assert.Single(plan.Actions).Action);
        Assert.Equal(["create test.a", "create test.a", "delete test.a"], engine.Log.Entries);
        Assert.Equal("y", Assert.Single(engine.Test.Objects).Value.GetString("replace_me"));
    }

    [Fact]
    public async Task Adding_and_removing_one_for_each_key_touches_only_that_instance()
    {
        using var engine = new EngineHarness("""
            variables:
              names: { type: list, default: [a, b, c] }
            resources:
              test.n:
                for_each: "${var.names}"
                value: "${each.value}"
            """);
        await engine.ApplyAsync();

        var (plan, _) = await engine.ApplyAsync(lab: engine.Load(("names", "[a, c, d]")));

        Assert.Equal(["test.n[\"b\"] Delete", "test.n[\"d\"] Create"], plan.Actions.Select(c => $"{c.Address} {c.Action}"));
        Assert.Equal(["create test.n[\"a\"]", "create test.n[\"b\"]", "create test.n[\"c\"]"], engine.Log.Entries.Take(3).Order());
        Assert.Equal(["create test.n[\"d\"]", "delete test.n[\"b\"]"], engine.Log.Entries.Skip(3).Order());
    }

    [Fact]
    public async Task A_target_plans_only_it_and_what_it_depends_on()
    {
        using var engine = new EngineHarness("""
            resources:
              test.a: { value: a }
              test.b: { value: "${test.a.id}" }
              test.c: { value: "${test.b.id}" }
              test.d: { value: d }
            """);

        var plan = await engine.PlanAsync(new PlanOptions(Targets: [ResourceAddress.Parse("test.b")]));

        Assert.Equal(["test.a", "test.b"], plan.Actions.Select(c => c.Address.ToString()));
        Assert.Contains(plan.Warnings, w => w.Contains("targeting", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_exclude_leaves_out_the_resource_and_what_depends_on_it()
    {
        using var engine = new EngineHarness("""
            resources:
              test.a: { value: a }
              test.b: { value: "${test.a.id}" }
              test.d: { value: d }
            """);

        var plan = await engine.PlanAsync(new PlanOptions(Excludes: [ResourceAddress.Parse("test.a")]));

        Assert.Equal(["test.d"], plan.Actions.Select(c => c.Address.ToString()));
    }

    [Fact]
    public async Task A_destroy_target_takes_what_depends_on_it_too()
    {
        using var engine = new EngineHarness("""
            resources:
              test.a: { value: a }
              test.b: { value: "${test.a.id}" }
              test.d: { value: d }
            """);
        await engine.ApplyAsync();

        var plan = await engine.PlanAsync(new PlanOptions(PlanMode.Destroy, Targets: [ResourceAddress.Parse("test.a")]));

        Assert.Equal(["test.a", "test.b"], plan.Actions.Select(c => c.Address.ToString()));
    }

    [Fact]
    public async Task Replace_request_replaces_an_unchanged_instance()
    {
        using var engine = new EngineHarness("resources:\n  test.a: { value: one }\n");
        await engine.ApplyAsync();

        var plan = await engine.PlanAsync(new PlanOptions(Replace: [ResourceAddress.Parse("test.a")]));

        var change = Assert.Single(plan.Actions);
        Assert.Equal((ChangeAction.DeleteThenCreate, ChangeReason.ReplaceRequested), (change.Action, change.Reason));
    }

    [Fact]
    public async Task Removing_a_resource_from_the_lab_plans_its_deletion()
    {
        using var engine = new EngineHarness("resources:\n  test.a: { value: one }\n  test.b: { value: two }\n");
        await engine.ApplyAsync();
        engine.Lab.Write("hearth.yaml", "resources:\n  test.a: { value: one }\n");

        var plan = await engine.PlanAsync();

        var change = Assert.Single(plan.Actions);
        Assert.Equal(("test.b", ChangeAction.Delete, ChangeReason.NotInConfiguration), (change.Address.ToString(), change.Action, change.Reason));
    }

    [Fact]
    public async Task Prevent_destroy_refuses_a_plan_that_would_replace_the_resource()
    {
        using var engine = new EngineHarness("""
            resources:
              test.a:
                replace_me: x
                lifecycle: { prevent_destroy: true }
            """);
        await engine.ApplyAsync();
        engine.Lab.Write("hearth.yaml", """
            resources:
              test.a:
                replace_me: y
                lifecycle: { prevent_destroy: true }
            """);

        var error = await Assert.ThrowsAsync<LabException>(() => engine.PlanAsync());

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(new SourceSpan("hearth.yaml", 2, 3), diagnostic.Span);
        Assert.Equal("test.a has lifecycle.prevent_destroy set, but the plan would destroy it", diagnostic.Message);
    }

    [Fact]
    public async Task Ignored_changes_do_not_cause_an_update()
    {
        using var engine = new EngineHarness("resources:\n  test.a: { value: one }\n");
        await engine.ApplyAsync();
        engine.Lab.Write("hearth.yaml", """
            resources:
              test.a:
                value: two
                lifecycle: { ignore_changes: [value] }
            """);

        var plan = await engine.PlanAsync();

        Assert.False(plan.HasChanges);
    }

    [Fact]
    public async Task A_change_made_outside_is_reported_as_drift_and_planned_back()
    {
        using var engine = new EngineHarness("resources:\n  test.a: { value: one }\n");
        await engine.ApplyAsync();
        var id = Assert.Single(engine.Test.Objects).Key;
        engine.Test.Tamper(id, o => o.With("value", Value.String("edited")));

        var plan = await engine.PlanAsync();

        Assert.Equal("test.a", Assert.Single(plan.Drift).Address.ToString());
        Assert.Equal(ChangeAction.Update, Assert.Single(plan.Actions).Action);
    }

    [Fact]
    public async Task An_object_deleted_outside_is_planned_for_creation()
    {
        using var engine = new EngineHarness("resources:\n  test.a: { value: one }\n");
        await engine.ApplyAsync();
        engine.Test.DeleteOutside(Assert.Single(engine.Test.Objects).Key);

        var plan = await engine.PlanAsync();

        Assert.Null(Assert.Single(plan.Drift).After);
        Assert.Equal(ChangeAction.Create, Assert.Single(plan.Actions).Action);
    }

    [Fact]
    public async Task Refresh_false_does_not_read_the_objects()
    {
        using var engine = new EngineHarness("resources:\n  test.a: { value: one }\n");
        await engine.ApplyAsync();
        engine.Test.DeleteOutside(Assert.Single(engine.Test.Objects).Key);

        var plan = await engine.PlanAsync(new PlanOptions(Refresh: false));

        Assert.Empty(plan.Drift);
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public async Task Unknown_values_are_planned_as_known_after_apply()
    {
        using var engine = new EngineHarness("resources:\n  test.a: {}\n  test.b: { value: \"${test.a.id}\" }\n");

        var plan = await engine.PlanAsync();

        var b = plan.Changes.Single(c => c.Address.Name == "b");
        Assert.IsType<UnknownValue>(b.After!.Get("value"));
    }
}
