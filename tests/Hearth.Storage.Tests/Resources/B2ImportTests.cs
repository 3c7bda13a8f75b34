using System.Text.Json.Nodes;
using Hearth.Core.Addressing;
using Hearth.Core.State;

namespace Hearth.Storage.Tests.Resources;

public sealed class B2ImportTests
{
    [Fact]
    public async Task An_existing_bucket_and_key_imported_by_name_and_id_plan_no_change()
    {
        using var lab = new B2Lab(B2Lab.BackupBucketAndKey);
        lab.Fake.AddBucket("dovecot-backup");
        lab.Fake.ChangeBucket("dovecot-backup", b => b with
        {
            LifecycleRules = [new JsonObject { ["fileNamePrefix"] = "", ["daysFromHidingToDeleting"] = 30, ["daysFromUploadingToHiding"] = null }],
        });
        var key = lab.Fake.AddKey(["deleteFiles", "listBuckets", "listFiles", "readFiles", "writeFiles"], bucketName: "dovecot-backup", keyName: "dovecot");
        lab.WriteSecrets("secrets/dovecot.yaml", ("key_id", key.ApplicationKeyId), ("key", key.ApplicationKey));
        var loaded = lab.Harness.Load();

        await using (var session = await lab.Harness.Backend.OpenAsync(LockInfo.ForCurrentProcess("import", "test", "test"), TimeSpan.Zero, CancellationToken.None))
        {
            await Importer.ImportAsync(loaded, session, ResourceAddress.Parse("b2_bucket.dovecot-backup"), "dovecot-backup", lab.ProviderSettings, CancellationToken.None);
            await Importer.ImportAsync(loaded, session, ResourceAddress.Parse("b2_key.dovecot"), key.ApplicationKeyId, lab.ProviderSettings, CancellationToken.None);
        }
        var plan = await lab.Harness.PlanAsync();

        Assert.False(plan.HasChanges, string.Join(", ", plan.Actions.Select(a => $"{a.Address} {a.Action} {string.Join(",", a.ReplacePaths)}")));
        var state = await File.ReadAllTextAsync(lab.Harness.Lab.PathOf(".hearth/state.json"));
        Assert.Contains(key.ApplicationKeyId, state, StringComparison.Ordinal);
        Assert.DoesNotContain(key.ApplicationKey, state, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_an_id_the_account_does_not_have_says_so()
    {
        using var lab = new B2Lab(B2Lab.BackupBucketAndKey);
        var loaded = lab.Harness.Load();
        await using var session = await lab.Harness.Backend.OpenAsync(LockInfo.ForCurrentProcess("import", "test", "test"), TimeSpan.Zero, CancellationToken.None);

        var error = await Assert.ThrowsAsync<Core.Diagnostics.StateException>(() =>
            Importer.ImportAsync(loaded, session, ResourceAddress.Parse("b2_bucket.dovecot-backup"), "dovecot-backup", lab.ProviderSettings, CancellationToken.None));

        Assert.Contains("no b2_bucket with ID \"dovecot-backup\"", error.Message, StringComparison.Ordinal);
    }
}
