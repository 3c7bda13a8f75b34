using Hearth.Core.Diagnostics;

namespace Hearth.Storage.Tests.Resources;

public sealed class B2PlanValidationTests
{
    private const string Storage = """
        variables:
          capability: { default: readFiles }
          keep_days: { default: 30 }
          bucket: { default: photos-2024 }
        storage:
          b2:
            buckets:
              photos:
                name: photos-2024
                lifecycle:
                  - { prefix: "", days_from_hiding_to_deleting: "${var.keep_days}" }
            keys:
              reader:
                bucket: "${var.bucket}"
                capabilities: ["${var.capability}"]
                write_to: secrets/reader.yaml
        """;

    [Fact]
    public async Task A_capability_from_a_variable_is_checked_at_plan_time_with_the_exact_spelling_suggested()
    {
        using var lab = new B2Lab(Storage);

        var error = await Assert.ThrowsAsync<LabException>(() => lab.Harness.PlanAsync(lab: lab.Harness.Load(("capability", "readfiles"))));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Contains("b2_key.reader: `readfiles` is not a B2 capability", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("readFiles", diagnostic.Hint, StringComparison.Ordinal);
        Assert.Equal(0, lab.Fake.TotalCalls);
    }

    [Fact]
    public async Task Lifecycle_days_from_a_variable_are_checked_at_plan_time()
    {
        using var lab = new B2Lab(Storage);

        var error = await Assert.ThrowsAsync<LabException>(() => lab.Harness.PlanAsync(lab: lab.Harness.Load(("keep_days", "0"))));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Contains("b2_bucket.photos: lifecycle rule for \"\": days_from_hiding_to_deleting must be a whole number of days, at least 1", diagnostic.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_bucket_name_must_be_plain_text_so_it_is_checked_where_it_is_written()
    {
        using var lab = new B2Lab(Storage.Replace("name: photos-2024", "name: \"${var.bucket}\"", StringComparison.Ordinal));

        var error = Assert.Throws<LabException>(() => lab.Harness.Load());

        Assert.Contains(error.Diagnostics, d => d.Message.Contains("name must be plain text here", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_naming_a_bucket_the_account_does_not_have_fails_at_apply_with_what_to_do()
    {
        using var lab = new B2Lab("storage: { b2: { keys: { reader: { bucket: nobody-made-this, capabilities: [readFiles], write_to: secrets/reader.yaml } } } }");

        var (_, result) = await lab.Harness.ApplyAsync();

        var error = Assert.Single(result.Errors).ToString();
        Assert.Contains("bucket nobody-made-this does not exist in the B2 account", error, StringComparison.Ordinal);
        Assert.DoesNotContain(lab.Fake.Keys(), k => k.KeyName == "reader");
    }
}
