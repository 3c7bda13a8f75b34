using Hearth.Testing;
using Hearth.Testing.B2;
using Hearth.Testing.Cloudflare;

namespace Hearth.Cli.Tests;

/// <summary>
/// examples/homelab as its owner runs it: the public zone qt.rs at Cloudflare, shared with ExternalDNS, and the B2
/// buckets and keys (both services here fakes served on loopback), the credentials read from the example's SOPS
/// files with the example age key.
/// </summary>
public sealed class HomelabExampleTests
{
    private const string Zone = "qt.rs";

    /// <summary>The fake token encrypted in examples/homelab/secrets/cloudflare.yaml.</summary>
    private const string ExampleToken = "example-cloudflare-token-not-a-real-one";

    /// <summary>The fake account key encrypted in examples/homelab/secrets/backblaze.yaml.</summary>
    private const string ExampleB2KeyId = "005a1b2c3d4e5f6a7b8c9d0e1";
    private const string ExampleB2Key = "K005exampleAccountKeyNotARealOne000";

    [Fact]
    public async Task The_homelab_applies_its_public_zone_beside_ExternalDNS_and_then_has_nothing_left_to_do()
    {
        using var cloudflare = ZoneSharedWithExternalDns();
        await using var api = new HttpHandlerHost(cloudflare);
        using var b2 = new FakeB2();
        b2.AddKey(ExampleB2KeyId, ExampleB2Key);
        await using var b2Api = new HttpHandlerHost(b2);
        b2.Origin = b2Api.Origin;
        var externalDns = cloudflare.Records(Zone).Where(r => r.Name is "grafana.qt.rs" or "cname-grafana.qt.rs" or "legacy-app.qt.rs").ToList();
        var directory = CopyOfTheExample();
        try
        {
            var environment = new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = Path.Combine(directory, "secrets", "example-age-key.txt") };
            string[] pointAtTheFake = ["--var", $"cloudflare_api={api.Origin}/client/v4", "--var", $"b2_api={b2Api.Origin}"];

            var apply = await CliRunner.RunAsync(directory, ["apply", "--auto-approve", "-no-color", .. pointAtTheFake], environment: environment);
            var plan = await CliRunner.RunAsync(directory, ["plan", "--detailed-exitcode", .. pointAtTheFake], environment: environment);

            Assert.True(apply.ExitCode == 0, apply.Output + apply.Error);
            Assert.Contains("# dns_record.qt_rs.old-verification_TXT will be destroyed", apply.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("grafana", apply.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("legacy-app", apply.Output, StringComparison.Ordinal);
            Assert.Equal(
                [
                    "A k8s.qt.rs 198.51.100.7",
                    "A legacy-app.qt.rs 198.51.100.7",
                    "A mx1.qt.rs 203.0.113.25",
                    "A mx2.qt.rs 203.0.113.26",
                    "CAA qt.rs 0 issue \"letsencrypt.org\"",
                    "CAA qt.rs 0 issuewild \"letsencrypt.org\"",
                    "CNAME grafana.qt.rs k8s.qt.rs",
                    "CNAME www.qt.rs k8s.qt.rs proxied",
                    "MX qt.rs 10 mx1.qt.rs",
                    "MX qt.rs 20 mx2.qt.rs",
                    "NS qt.rs ns1.cloudflare.test",
                    "TXT _dmarc.qt.rs \"v=DMARC1; p=reject; rua=mailto:postmaster@qt.rs\"",
                    "TXT cname-grafana.qt.rs \"heritage=external-dns,external-dns/owner=k8s,external-dns/resource=ingress/monitoring/grafana\"",
                    "TXT legacy-app.qt.rs \"heritage=external-dns,external-dns/owner=k8s,external-dns/resource=service/default/legacy-app\"",
                    "TXT qt.rs \"v=spf1 mx -all\"",
                ],
                cloudflare.Records(Zone).Select(Describe).Order(StringComparer.Ordinal));
            Assert.All(externalDns, record => Assert.Contains(record, cloudflare.Records(Zone)));
            var backups = Assert.Single(b2.Buckets(), b => b.BucketName == "qtrs-dovecot-backup");
            Assert.Equal(30, (int)backups.LifecycleRules.Single()!["daysFromHidingToDeleting"]!);
            Assert.Contains(b2.Buckets(), b => b.BucketName == "qtrs-hearth-state");
            var dovecot = Assert.Single(b2.Keys(), k => k.KeyName == "dovecot");
            Assert.Equal(backups.BucketId, dovecot.BucketId);
            var written = await CliRunner.RunAsync(directory, ["sops", "-d", "--extract", "[\"key_id\"]", "secrets/dovecot.yaml"], environment: environment);
            Assert.Equal(dovecot.ApplicationKeyId, written.Output.Trim());
            Assert.True(plan.ExitCode == 0, plan.Output + plan.Error);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_homelab_validates_with_no_key_and_no_network()
    {
        var directory = CopyOfTheExample();
        try
        {
            var validate = await CliRunner.RunAsync(directory, ["validate"]);

            Assert.True(validate.ExitCode == 0, validate.Error);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// qt.rs as the owner's account holds it before the first apply: Cloudflare's name server, ExternalDNS's records
    /// with their registry entries (the TXT at <c>cname-NAME</c>, and the older layout at the record's own name), and
    /// one record left behind in the dashboard.
    /// </summary>
    private static FakeCloudflare ZoneSharedWithExternalDns()
    {
        var fake = new FakeCloudflare(ExampleToken);
        fake.AddZone(Zone);
        fake.Add(Zone, "NS", "@", "ns1.cloudflare.test");
        fake.Add(Zone, "CNAME", "grafana", "k8s.qt.rs");
        fake.Add(Zone, "TXT", "cname-grafana", "\"heritage=external-dns,external-dns/owner=k8s,external-dns/resource=ingress/monitoring/grafana\"");
        fake.Add(Zone, "A", "legacy-app", "198.51.100.7");
        fake.Add(Zone, "TXT", "legacy-app", "\"heritage=external-dns,external-dns/owner=k8s,external-dns/resource=service/default/legacy-app\"");
        fake.Add(Zone, "TXT", "old-verification", "\"google-site-verification=made-in-the-dashboard\"");
        return fake;
    }

    private static string CopyOfTheExample()
    {
        var directory = Path.Combine(Path.GetTempPath(), "hearth-homelab-" + Guid.NewGuid().ToString("N")[..12]);
        RepositoryPaths.CopyDirectory(Path.Combine(RepositoryPaths.Root(), "examples", "homelab"), directory);
        return directory;
    }

    private static string Describe(FakeCloudflareRecord record) =>
        $"{record.Type} {record.Name} {(record.Priority is { } priority ? $"{priority} " : "")}{record.Content}{(record.Proxied ? " proxied" : "")}";
}
