using System.Text.Json.Nodes;
using Hearth.Core.Planning;
using Hearth.Core.Resources;
using Hearth.Core.Values;

namespace Hearth.Storage.Tests.Resources;

public sealed class B2BucketTests
{
    private const string Buckets = """
        storage:
          b2:
            buckets:
              dovecot-backup:
                type: allPrivate
                lifecycle: [{ prefix: "", days_from_hiding_to_deleting: 30 }]
                object_lock: { mode: governance, days: 30 }
              hearth-state: { type: allPrivate, encryption: SSE-B2, bucket_info: { owner: hearth } }
        """;

    [Fact]
    public async Task Apply_creates_the_buckets_with_their_lifecycle_retention_and_encryption()
    {
        using var lab = new B2Lab(Buckets);

        var (_, result) = await lab.Harness.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var buckets = lab.Fake.Buckets();
        Assert.Equal(["dovecot-backup", "hearth-state"], buckets.Select(b => b.BucketName));
        var dovecot = buckets[0];
        Assert.Equal(30, dovecot.LifecycleRules[0]!["daysFromHidingToDeleting"]!.GetValue<int>());
        Assert.True(dovecot.FileLockEnabled);
        Assert.Equal("governance", dovecot.DefaultRetention!["mode"]!.GetValue<string>());
        Assert.Equal(30, dovecot.DefaultRetention["period"]!["duration"]!.GetValue<int>());
        Assert.Equal("SSE-B2", buckets[1].DefaultServerSideEncryption!["mode"]!.GetValue<string>());
        Assert.Equal("hearth", buckets[1].BucketInfo["owner"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_no_change_plan_is_empty_and_lists_the_buckets_once()
    {
        using var lab = new B2Lab(Buckets);
        await lab.Harness.ApplyAsync();
        lab.Fake.ResetCalls();

        var plan = await lab.Harness.PlanAsync();

        Assert.False(plan.HasChanges, string.Join(", ", plan.Actions.Select(a => $"{a.Address} {a.Action}")));
        Assert.Equal(1, lab.Fake.Calls("b2_list_buckets"));
        Assert.Equal(["b2_list_buckets"], lab.Fake.CallsByApi.Keys.Where(api => api != "b2_authorize_account"));
    }

    [Fact]
    public async Task A_lifecycle_rule_changed_in_the_account_shows_as_drift_and_apply_puts_it_back_in_place()
    {
        using var lab = new B2Lab(Buckets);
        await lab.Harness.ApplyAsync();
        lab.Fake.ChangeBucket("dovecot-backup", b => b with
        {
            LifecycleRules = [new JsonObject { ["fileNamePrefix"] = "", ["daysFromHidingToDeleting"] = 1, ["daysFromUploadingToHiding"] = null }],
        });

        var plan = await lab.Harness.PlanAsync();
        var change = Assert.Single(plan.Actions);
        Assert.Equal("b2_bucket.dovecot-backup", change.Address.ToString());
        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal(Value.Unknown, change.After!.Get("revision"));
        var (_, result) = await lab.Harness.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(30, lab.Fake.Buckets()[0].LifecycleRules[0]!["daysFromHidingToDeleting"]!.GetValue<int>());
        Assert.False((await lab.Harness.PlanAsync()).HasChanges);
    }

    [Fact]
    public async Task A_bucket_changed_between_plan_and_apply_is_refused_with_a_hint_to_plan_again()
    {
        using var lab = new B2Lab(Buckets);
        await lab.Harness.ApplyAsync();
        lab.Rewrite(Buckets.Replace("days_from_hiding_to_deleting: 30", "days_from_hiding_to_deleting: 60", StringComparison.Ordinal));
        var state = await lab.Harness.StateAsync();
        var prior = state.Find(Core.Addressing.ResourceAddress.Parse("b2_bucket.dovecot-backup"))!.Attributes;
        lab.Fake.ChangeBucket("dovecot-backup", b => b with { BucketInfo = new JsonObject { ["by"] = "hand" } });
        var error = await Assert.ThrowsAnyAsync<Core.Diagnostics.ResourceException>(() => lab.BucketKind.UpdateAsync(
            new UpdateRequest(Core.Addressing.ResourceAddress.Parse("b2_bucket.dovecot-backup"), lab.Harness.Lab.Directory, prior, prior, prior)
            { Providers = lab.ProviderSettings }, CancellationToken.None));

        Assert.Contains("changed in B2 since it was read", error.Message, StringComparison.Ordinal);
        Assert.Contains("run plan again", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_bucket_from_the_lab_deletes_it()
    {
        using var lab = new B2Lab(Buckets);
        await lab.Harness.ApplyAsync();
        lab.Rewrite("storage: { b2: { buckets: { hearth-state: { type: allPrivate, encryption: SSE-B2, bucket_info: { owner: hearth } } } } }");

        var (plan, result) = await lab.Harness.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(1, plan.ToDestroy);
        Assert.Equal(["hearth-state"], lab.Fake.Buckets().Select(b => b.BucketName));
    }

    [Fact]
    public async Task Turning_object_lock_off_is_refused_rather_than_done_silently()
    {
        using var lab = new B2Lab(Buckets);
        await lab.Harness.ApplyAsync();
        lab.Rewrite(Buckets.Replace("        object_lock: { mode: governance, days: 30 }\n", "", StringComparison.Ordinal));

        var (_, result) = await lab.Harness.ApplyAsync();

        var error = Assert.Single(result.Errors);
        Assert.Contains("never turns it off", error.ToString(), StringComparison.Ordinal);
        Assert.True(lab.Fake.Buckets()[0].FileLockEnabled);
    }

    [Fact]
    public async Task An_existing_bucket_is_imported_by_its_name()
    {
        using var lab = new B2Lab("storage: { b2: { buckets: { old-photos: { type: allPublic } } } }");
        var id = lab.Fake.AddBucket("old-photos", "allPublic");
        var imported = await lab.BucketKind.ImportAsync(new ImportRequest(Core.Addressing.ResourceAddress.Parse("b2_bucket.old-photos"), lab.Harness.Lab.Directory, "old-photos")
            { Providers = lab.ProviderSettings }, CancellationToken.None);

        Assert.NotNull(imported);
        Assert.Equal(id, imported.GetString("id"));
        Assert.Equal("allPublic", imported.GetString("type"));
        Assert.Equal(Value.List([]), imported.Get("lifecycle"));
    }

    [Fact]
    public async Task Cors_rules_are_created_compared_and_changed_in_place()
    {
        const string Cors = """
            storage:
              b2:
                buckets:
                  public-assets:
                    type: allPublic
                    cors:
                      - { name: downloadFromAnyOrigin, allowed_origins: ["https://qt.rs"], allowed_operations: [b2_download_file_by_name], max_age_seconds: 3600 }
            """;
        using var lab = new B2Lab(Cors);
        await lab.Harness.ApplyAsync();

        var rule = Assert.Single(lab.Fake.Buckets()[0].CorsRules)!;
        Assert.Equal("downloadFromAnyOrigin", rule["corsRuleName"]!.GetValue<string>());
        Assert.Equal(3600, rule["maxAgeSeconds"]!.GetValue<int>());
        Assert.False((await lab.Harness.PlanAsync()).HasChanges);

        lab.Rewrite(Cors.Replace("3600", "60", StringComparison.Ordinal));
        var (plan, result) = await lab.Harness.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(ChangeAction.Update, Assert.Single(plan.Actions).Action);
        Assert.Equal(60, lab.Fake.Buckets()[0].CorsRules[0]!["maxAgeSeconds"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_provider_key_without_write_buckets_fails_clearly_and_never_prints_its_secret()
    {
        using var lab = new B2Lab("storage: { b2: { buckets: { photos-2024: { type: allPrivate } } } }");
        var reader = lab.Fake.AddKey(["listBuckets", "readBuckets"]);
        lab.UseKey(reader);

        var (_, result) = await lab.Harness.ApplyAsync();

        var error = Assert.Single(result.Errors).ToString();
        Assert.Contains("b2_create_bucket", error, StringComparison.Ordinal);
        Assert.Contains("unauthorized", error, StringComparison.Ordinal);
        Assert.DoesNotContain(reader.ApplicationKey, error, StringComparison.Ordinal);
        Assert.Empty(lab.Fake.Buckets());
    }
}
