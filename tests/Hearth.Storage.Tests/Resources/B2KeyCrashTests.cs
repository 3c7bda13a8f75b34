using Hearth.Core.Addressing;
using Hearth.Core.Planning;
using Hearth.Core.Resources;
using Hearth.Core.State;
using Hearth.Core.Values;
using Hearth.Secrets.Sops;

namespace Hearth.Storage.Tests.Resources;

public sealed class B2KeyCrashTests
{
    private const string Storage = """
        storage:
          b2:
            keys:
              dovecot:
                bucket: made-by-hand
                capabilities: [listFiles, readFiles]
                write_to: secrets/dovecot.yaml
        """;

    [Fact]
    public async Task A_key_a_stopped_run_created_plans_as_tainted_and_the_next_apply_deletes_it_and_makes_a_new_one()
    {
        using var lab = new B2Lab(Storage);
        lab.Fake.AddBucket("made-by-hand");
        var lost = lab.Fake.AddKey(["listFiles", "readFiles"], bucketName: "made-by-hand", keyName: "dovecot");
        var address = ResourceAddress.Parse("b2_key.dovecot");
        // What the engine records before calling create; the run then stops before the result is recorded.
        var planned = new MapValue(ValueMap.Empty)
            .With("key_name", Value.String("dovecot"))
            .With("capabilities", Value.List([Value.String("listFiles"), Value.String("readFiles")]))
            .With("bucket", Value.String("made-by-hand"))
            .With("write_to", Value.String("secrets/dovecot.yaml"))
            .With("id", Value.Null);
        await using (var session = await lab.Harness.Backend.OpenAsync(LockInfo.ForCurrentProcess("apply", "test", "test"), TimeSpan.Zero, CancellationToken.None))
            await session.RecordCreatingAsync(new ResourceInstanceState(address, planned, []), CancellationToken.None);

        var plan = await lab.Harness.PlanAsync();
        var change = Assert.Single(plan.Actions);
        var (_, result) = await lab.Harness.ApplyAsync();

        Assert.Equal((ChangeAction.DeleteThenCreate, ChangeReason.Tainted), (change.Action, change.Reason));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var fresh = Assert.Single(lab.Fake.Keys(), k => k.KeyName == "dovecot");
        Assert.NotEqual(lost.ApplicationKeyId, fresh.ApplicationKeyId);
        Assert.Equal(fresh.ApplicationKey, ((SopsScalar)lab.Decrypt("secrets/dovecot.yaml").Get("key")!).ToText());
        Assert.False((await lab.Harness.PlanAsync()).HasChanges);
    }
}
