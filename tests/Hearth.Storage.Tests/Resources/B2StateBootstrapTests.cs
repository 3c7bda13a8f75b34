using Hearth.Secrets.Sops;
using Hearth.Storage.Tests.B2;
using Hearth.Testing.B2;

namespace Hearth.Storage.Tests.Resources;

/// <summary>The documented bootstrap flow (docs/b2.md): the lab makes the state bucket and its key, and that key can hold the state there.</summary>
public sealed class B2StateBootstrapTests
{
    private const string Storage = """
        storage:
          b2:
            buckets:
              hearth-state: { type: allPrivate, lifecycle: [{ prefix: "", days_from_hiding_to_deleting: 30 }] }
            keys:
              terraform-backend:
                bucket: hearth-state
                capabilities: [listBuckets, listFiles, readFiles, writeFiles, deleteFiles]
                write_to: secrets/terraform-backend.yaml
        """;

    [Fact]
    public async Task The_key_the_lab_writes_into_sops_can_keep_the_labs_state_in_the_bucket_and_a_second_run_changes_nothing()
    {
        using var lab = new B2Lab(Storage);

        var (_, result) = await lab.Harness.ApplyAsync();
        var secrets = lab.Decrypt("secrets/terraform-backend.yaml");
        var key = new FakeB2Key(lab.Fake.AccountId, Text(secrets, "key_id"), Text(secrets, "key"), "terraform-backend", []);
        var local = await File.ReadAllBytesAsync(lab.Harness.Lab.PathOf(".hearth/state.json"));
        using var store = B2TestConnections.Store(lab.Fake, "hearth-state", "home/state.json", key);
        await store.WriteAsync(local, null, CancellationToken.None);
        var stored = await store.ReadAsync(CancellationToken.None);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.NotNull(stored);
        Assert.Equal(local, stored.Content);
        Assert.False((await lab.Harness.PlanAsync()).HasChanges);
    }

    private static string Text(SopsMap document, string key) => ((SopsScalar)document.Get(key)!).ToText();
}
