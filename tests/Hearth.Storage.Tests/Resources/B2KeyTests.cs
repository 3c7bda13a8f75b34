using Hearth.Core.Addressing;
using Hearth.Core.Applying;
using Hearth.Core.Planning;
using Hearth.Core.Resources;
using Hearth.Secrets.Sops;
using Hearth.Storage.Resources;

namespace Hearth.Storage.Tests.Resources;

public sealed class B2KeyTests
{
    [Fact]
    public async Task The_key_secret_lands_in_the_sops_file_and_the_files_other_secrets_are_untouched()
    {
        using var lab = new B2Lab(B2Lab.BackupBucketAndKey);
        lab.WriteSecrets("secrets/dovecot.yaml", ("imap_password", "hunter2"));

        var (_, result) = await lab.Harness.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var key = Assert.Single(lab.Fake.Keys(), k => k.KeyName == "dovecot");
        Assert.Equal(lab.Fake.Buckets()[0].BucketId, key.BucketId);
        Assert.Equal(["listBuckets", "listFiles", "readFiles", "writeFiles", "deleteFiles"], key.Capabilities);
        var secrets = lab.Decrypt("secrets/dovecot.yaml");
        Assert.Equal("hunter2", Text(secrets, "imap_password"));
        Assert.Equal(key.ApplicationKeyId, Text(secrets, "key_id"));
        Assert.Equal(key.ApplicationKey, Text(secrets, "key"));
    }

    [Fact]
    public async Task A_missing_sops_file_is_created_under_the_sops_yaml_rule()
    {
        using var lab = new B2Lab(B2Lab.BackupBucketAndKey);

        var (_, result) = await lab.Harness.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var key = Assert.Single(lab.Fake.Keys(), k => k.KeyName == "dovecot");
        Assert.Equal(key.ApplicationKey, Text(lab.Decrypt("secrets/dovecot.yaml"), "key"));
    }

    [Fact]
    public async Task The_secret_never_appears_in_the_state_the_plan_or_the_apply_events()
    {
        using var lab = new B2Lab(B2Lab.BackupBucketAndKey);

        var (plan, result) = await lab.Harness.ApplyAsync();
        var again = await lab.Harness.PlanAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var key = Assert.Single(lab.Fake.Keys(), k => k.KeyName == "dovecot");
        var state = await File.ReadAllTextAsync(lab.Harness.Lab.PathOf(".hearth/state.json"));
        var everything = string.Join("\n", state, Describe(plan), Describe(again), string.Join("\n", lab.Harness.Events.Select(e => e.ToString())));
        Assert.DoesNotContain(key.ApplicationKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(lab.Fake.MasterKey.ApplicationKey, state, StringComparison.Ordinal);
        Assert.Contains(key.ApplicationKeyId, state, StringComparison.Ordinal);
        Assert.Contains(B2KeyResourceType.Fingerprint(key.ApplicationKey), state, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_no_change_plan_is_empty_and_makes_only_the_listing_calls()
    {
        using var lab = new B2Lab(B2Lab.BackupBucketAndKey);
        await lab.Harness.ApplyAsync();
        lab.Fake.ResetCalls();

        var plan = await lab.Harness.PlanAsync();

        Assert.False(plan.HasChanges, string.Join(", ", plan.Actions.Select(a => $"{a.Address} {a.Action}")));
        Assert.Equal(["b2_list_buckets", "b2_list_keys"], lab.Fake.CallsByApi.Keys.Where(api => api != "b2_authorize_account").Order(StringComparer.Ordinal));
        Assert.Equal(1, lab.Fake.Calls("b2_list_buckets"));
        Assert.Equal(1, lab.Fake.Calls("b2_list_keys"));
    }

    [Fact]
    public async Task Changing_a_keys_capabilities_replaces_it_and_the_plan_names_the_setting()
    {
        using var lab = new B2Lab(B2Lab.BackupBucketAndKey);
        await lab.Harness.ApplyAsync();
        var old = Assert.Single(lab.Fake.Keys(), k => k.KeyName == "dovecot");
        lab.Rewrite(B2Lab.BackupBucketAndKey.Replace("writeFiles, deleteFiles", "writeFiles", StringComparison.Ordinal));

        var plan = await lab.Harness.PlanAsync();
        var change = Assert.Single(plan.Actions);
        var (_, result) = await lab.Harness.ApplyAsync();

        Assert.True(change.Action.Creates() && change.Action.Deletes(), change.Action.ToString());
        Assert.Contains("capabilities", change.ReplacePaths);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var fresh = Assert.Single(lab.Fake.Keys(), k => k.KeyName == "dovecot");
        Assert.NotEqual(old.ApplicationKeyId, fresh.ApplicationKeyId);
        Assert.Equal(fresh.ApplicationKey, Text(lab.Decrypt("secrets/dovecot.yaml"), "key"));
    }

    [Fact]
    public async Task A_key_whose_secret_could_not_be_written_is_deleted_and_made_again_on_the_next_apply()
    {
        using var lab = new B2Lab(B2Lab.BackupBucketAndKey);
        Directory.CreateDirectory(lab.Harness.Lab.PathOf("secrets/dovecot.yaml")); // A directory where the file should go: the write fails.

        var (_, failed) = await lab.Harness.ApplyAsync();

        var error = Assert.Single(failed.Errors);
        Assert.Contains("was created, but cannot write the key into secrets/dovecot.yaml", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("the next apply deletes key dovecot", error.ToString(), StringComparison.Ordinal);
        var orphan = Assert.Single(lab.Fake.Keys(), k => k.KeyName == "dovecot");
        Assert.DoesNotContain(orphan.ApplicationKey, error.ToString(), StringComparison.Ordinal);

        Directory.Delete(lab.Harness.Lab.PathOf("secrets/dovecot.yaml"));
        var (_, result) = await lab.Harness.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Contains(lab.Harness.Events.OfType<ApplyEvent.Noted>(),
            e => e.Text == $"deleted key {orphan.ApplicationKeyId} (dovecot), made by an earlier run that could not write its secret; a new key replaces it");
        var fresh = Assert.Single(lab.Fake.Keys(), k => k.KeyName == "dovecot");
        Assert.NotEqual(orphan.ApplicationKeyId, fresh.ApplicationKeyId);
        Assert.Equal(fresh.ApplicationKey, Text(lab.Decrypt("secrets/dovecot.yaml"), "key"));
        Assert.False((await lab.Harness.PlanAsync()).HasChanges);
    }

    [Fact]
    public async Task A_key_recorded_as_being_created_by_a_run_that_stopped_is_found_by_name_and_deleted()
    {
        using var lab = new B2Lab(B2Lab.BackupBucketAndKey);
        lab.Fake.AddBucket("dovecot-backup");
        var orphan = lab.Fake.AddKey(["listFiles"], keyName: "dovecot");
        var prior = new Core.Values.MapValue(Core.Values.ValueMap.Empty).With("key_name", Core.Values.Value.String("dovecot"));

        await lab.KeyKind.DeleteAsync(new DeleteRequest(ResourceAddress.Parse("b2_key.dovecot"), lab.Harness.Lab.Directory, prior)
            { Providers = lab.ProviderSettings }, CancellationToken.None);

        Assert.DoesNotContain(lab.Fake.Keys(), k => k.ApplicationKeyId == orphan.ApplicationKeyId);
    }

    [Fact]
    public async Task A_key_deleted_in_the_account_is_planned_again()
    {
        using var lab = new B2Lab(B2Lab.BackupBucketAndKey);
        await lab.Harness.ApplyAsync();
        var key = Assert.Single(lab.Fake.Keys(), k => k.KeyName == "dovecot");
        await lab.KeyKind.DeleteAsync(new DeleteRequest(ResourceAddress.Parse("b2_key.dovecot"), lab.Harness.Lab.Directory,
            new Core.Values.MapValue(Core.Values.ValueMap.Empty).With("id", Core.Values.Value.String(key.ApplicationKeyId))) { Providers = lab.ProviderSettings },
            CancellationToken.None);

        var plan = await lab.Harness.PlanAsync();

        var change = Assert.Single(plan.Actions);
        Assert.Equal(ChangeAction.Create, change.Action);
    }

    [Fact]
    public async Task An_existing_key_is_imported_by_its_id_without_its_secret()
    {
        using var lab = new B2Lab(B2Lab.BackupBucketAndKey);
        lab.Fake.AddBucket("dovecot-backup");
        var existing = lab.Fake.AddKey(["listFiles", "readFiles"], bucketName: "dovecot-backup", keyName: "dovecot");

        var imported = await lab.KeyKind.ImportAsync(new ImportRequest(ResourceAddress.Parse("b2_key.dovecot"), lab.Harness.Lab.Directory, existing.ApplicationKeyId)
            { Providers = lab.ProviderSettings }, CancellationToken.None);

        Assert.NotNull(imported);
        Assert.Equal(existing.ApplicationKeyId, imported.GetString("id"));
        Assert.Equal(["listFiles", "readFiles"], imported.GetStrings("capabilities"));
        Assert.DoesNotContain(existing.ApplicationKey, imported.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sops_file_no_creation_rule_matches_is_refused_with_a_hint_and_no_secret()
    {
        using var lab = new B2Lab(B2Lab.BackupBucketAndKey.Replace("secrets/dovecot.yaml", "elsewhere/dovecot.yaml", StringComparison.Ordinal));

        var (_, result) = await lab.Harness.ApplyAsync();

        var error = Assert.Single(result.Errors).ToString();
        Assert.Contains("cannot write the key into elsewhere/dovecot.yaml", error, StringComparison.Ordinal);
        var orphan = Assert.Single(lab.Fake.Keys(), k => k.KeyName == "dovecot");
        Assert.DoesNotContain(orphan.ApplicationKey, error, StringComparison.Ordinal);
        Assert.False(File.Exists(lab.Harness.Lab.PathOf("elsewhere/dovecot.yaml")));
    }

    private static string Text(SopsMap document, string key) => ((SopsScalar)document.Get(key)!).ToText();

    private static string Describe(Plan plan) => string.Join("\n", plan.Changes.Select(c => $"{c.Address} {c.Action} {c.Before} {c.After}"));
}
