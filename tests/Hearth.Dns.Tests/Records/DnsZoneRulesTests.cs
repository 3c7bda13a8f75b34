using Hearth.Dns.Records;

namespace Hearth.Dns.Tests.Records;

public sealed class DnsZoneRulesTests
{
    private static readonly DnsName Zone = DnsName.Parse("qt.rs");

    private static DnsRecordSet Set(string name, string type, params string[] values) =>
        DnsRecordSet.FromLab(Zone, name, type, 300, values);

    [Fact]
    public void A_zone_of_ordinary_records_has_no_problems()
    {
        DnsRecordSet[] sets =
        [
            Set("@", "A", "192.0.2.1"), Set("@", "MX", "10 mx1"), Set("@", "TXT", "v=spf1 -all"),
            Set("www", "CNAME", "k8s"), Set("k8s", "A", "192.0.2.2"), Set("k8s", "AAAA", "2001:db8::2"),
            Set("lab", "NS", "ns1.lab.qt.rs."), Set("ns1.lab", "A", "192.0.2.3"),
        ];

        Assert.Empty(DnsZoneRules.Check(Zone, sets));
    }

    [Fact]
    public void A_cname_beside_other_records_at_the_same_name_is_refused()
    {
        var problems = DnsZoneRules.Check(Zone, [Set("www", "CNAME", "k8s"), Set("www", "TXT", "hello"), Set("www", "A", "192.0.2.1")]);

        var problem = Assert.Single(problems);
        Assert.Equal("www.qt.rs. CNAME: a CNAME cannot share its name with other records (A, TXT)", problem.ToString().Split('\n')[0]);
        Assert.NotNull(problem.Hint);
    }

    [Fact]
    public void A_cname_at_the_apex_is_refused()
    {
        var problem = Assert.Single(DnsZoneRules.Check(Zone, [Set("@", "CNAME", "k8s")]));

        Assert.Equal(DnsRecordType.CNAME, problem.Type);
        Assert.Contains("apex", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ns_at_the_apex_is_left_to_the_zone()
    {
        var problem = Assert.Single(DnsZoneRules.Check(Zone, [Set("@", "NS", "ns1.example.org.")]));

        Assert.Contains("belong to the zone", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delegation_cannot_share_its_name_and_hides_what_is_below_it_except_glue()
    {
        var problems = DnsZoneRules.Check(Zone,
        [
            Set("lab", "NS", "ns1.lab.qt.rs."), Set("lab", "TXT", "x"), Set("ns1.lab", "A", "192.0.2.3"), Set("www.lab", "CNAME", "k8s"),
        ]);

        Assert.Equal(["lab.qt.rs. NS", "www.lab.qt.rs. CNAME"], problems.Select(p => p.Subject));
        Assert.Contains("below the delegation lab.qt.rs.", problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_name_and_type_declared_twice_is_refused()
    {
        var problem = Assert.Single(DnsZoneRules.Check(Zone, [Set("www", "A", "192.0.2.1"), Set("WWW.qt.rs.", "A", "192.0.2.2")]));

        Assert.Contains("declared twice", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_set_of_another_zone_is_refused()
    {
        var other = DnsRecordSet.FromLab(DnsName.Parse("example.org"), "www", "A", 300, ["192.0.2.1"]);

        var problem = Assert.Single(DnsZoneRules.Check(Zone, [other]));

        Assert.Equal("www.example.org.", problem.Name);
        Assert.Contains("outside the zone qt.rs.", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enforce_reports_every_problem_in_one_exception()
    {
        var error = Assert.Throws<DnsRecordException>(() => DnsZoneRules.Enforce(Zone,
            [Set("@", "CNAME", "k8s"), Set("www", "CNAME", "k8s"), Set("www", "MX", "10 mx1")]));

        Assert.Equal(["qt.rs. CNAME", "www.qt.rs. CNAME"], error.Problems.Select(p => p.Subject));
        Assert.Equal(2, error.Message.Split('\n').Length);
    }
}
