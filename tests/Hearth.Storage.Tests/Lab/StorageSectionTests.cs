using Hearth.Core.Diagnostics;
using Hearth.Core.Expressions;
using Hearth.Storage.Tests.Resources;

namespace Hearth.Storage.Tests.Lab;

public sealed class StorageSectionTests
{
    [Fact]
    public void The_issue_example_expands_into_two_buckets_and_a_key_that_refers_to_its_bucket()
    {
        using var lab = new B2Lab("""
            storage:
              b2:
                buckets:
                  dovecot-backup:
                    type: allPrivate
                    lifecycle: [{ prefix: "", days_from_hiding_to_deleting: 30 }]
                    object_lock: { mode: governance, days: 30 }
                  hearth-state: { type: allPrivate }
                keys:
                  dovecot:
                    bucket: dovecot-backup
                    capabilities: [listBuckets, listFiles, readFiles, writeFiles, deleteFiles]
                    name_prefix: ""
                    write_to: secrets/dovecot.yaml
            """);

        var loaded = lab.Harness.Load();

        Assert.Equal(["b2_bucket.dovecot-backup", "b2_bucket.hearth-state", "b2_key.dovecot"],
            loaded.Resources.Select(r => r.Address.ToString()).Order(StringComparer.Ordinal));
        var key = loaded.Resources.Single(r => r.Address.Kind == "b2_key");
        var bucket = Assert.IsType<ReferenceExpression>(key.Arguments.Entries.Single(e => e.Key == "bucket").Value);
        Assert.Equal("b2_bucket.dovecot-backup.name", bucket.ToString());
    }

    [Theory]
    [InlineData("buckets: { b2-mine: { type: allPrivate } }", "starts with b2-", 5, 16)]
    [InlineData("buckets: { tiny: { type: allPrivate } }", "has 4 characters; B2 takes 6 to 63", 5, 16)]
    [InlineData("buckets: { my_bucket: { type: allPrivate } }", "only letters, digits and -", 5, 16)]
    [InlineData("buckets: { photos-2024: { type: private } }", "`private` is not a bucket type", 5, 37)]
    [InlineData("buckets: { photos-2024: { kind: allPrivate } }", "`kind` is not a setting of bucket photos-2024", 5, 31)]
    [InlineData("buckets: { photos-2024: { object_lock: { mode: legal, days: 30 } } }", "`legal` is not a retention mode", 5, 52)]
    [InlineData("buckets: { photos-2024: { object_lock: { mode: governance, days: 0 } } }", "retention days must be a whole number from 1 to 36500", 5, 70)]
    [InlineData("keys: { k: { capabilities: [readFile], write_to: s.yaml } }", "`readFile` is not a B2 capability", 5, 33)]
    [InlineData("keys: { k: { capabilities: [readFiles], valid_duration: 0, write_to: s.yaml } }", "valid_duration is in seconds, 1 to 86400000", 5, 61)]
    [InlineData("keys: { k: { capabilities: [readFiles] } }", "key k has no write_to:", 5, 13)]
    [InlineData("keys: { k: { capabilities: [readFiles], write_to: s.yaml, expiry: 3 } }", "`expiry` is not a setting of key k", 5, 63)]
    [InlineData("vaults: {}", "storage.b2.vaults is not a setting", 5, 5)]
    public void A_bad_setting_is_an_error_at_its_place_in_the_lab(string b2, string message, int line, int column)
    {
        using var lab = new B2Lab($"storage:\n  b2:\n    {b2}\n");

        var error = Assert.Throws<LabException>(() => lab.Harness.Load());

        var diagnostic = Assert.Single(error.Diagnostics, d => d.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal((line, column), (diagnostic.Span.Line, diagnostic.Span.Column));
    }

    [Fact]
    public void An_unknown_capability_suggests_the_exact_b2_spelling()
    {
        using var lab = new B2Lab("storage: { b2: { keys: { k: { capabilities: [readfiles], write_to: s.yaml } } } }");

        var error = Assert.Throws<LabException>(() => lab.Harness.Load());

        Assert.Contains("readFiles", Assert.Single(error.Diagnostics).Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_lifecycle_prefixes_are_an_error_naming_both_rules()
    {
        using var lab = new B2Lab("""
            storage:
              b2:
                buckets:
                  photos-2024:
                    lifecycle:
                      - { prefix: photos/, days_from_hiding_to_deleting: 30 }
                      - { prefix: photos/kittens/, days_from_hiding_to_deleting: 7 }
                      - { prefix: logs/, days_from_hiding_to_deleting: 0 }
                      - { prefix: tmp/ }
            """);

        var error = Assert.Throws<LabException>(() => lab.Harness.Load());

        Assert.Contains(error.Diagnostics, d => d.Message.Contains("\"photos/\"", StringComparison.Ordinal) && d.Message.Contains("\"photos/kittens/\" overlap", StringComparison.Ordinal));
        Assert.Contains(error.Diagnostics, d => d.Message.Contains("days_from_hiding_to_deleting must be a whole number of days, at least 1", StringComparison.Ordinal));
        Assert.Contains(error.Diagnostics, d => d.Message.Contains("lifecycle rule for \"tmp/\" sets no days", StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_may_name_a_bucket_the_lab_does_not_declare_as_an_existing_bucket_of_the_account()
    {
        using var lab = new B2Lab("storage: { b2: { keys: { k: { bucket: made-by-hand, capabilities: [readFiles], write_to: s.yaml } } } }");

        var key = Assert.Single(lab.Harness.Load().Resources);

        Assert.IsType<LiteralExpression>(key.Arguments.Entries.Single(e => e.Key == "bucket").Value);
    }
}
