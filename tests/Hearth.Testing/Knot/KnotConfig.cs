namespace Hearth.Testing.Knot;

/// <summary>
/// The knot.conf of a test server: rundir (pid file, control socket), database (journal, timers) and zone files all
/// inside its own directory; primary zones that allow updates and transfers to one TSIG key only.
/// </summary>
public static class KnotConfig
{
    public static string Write(string directory, int port, IEnumerable<string> zones, string keyName, string algorithm, string secret)
    {
        var text = new System.Text.StringBuilder();
        text.Append($$"""
            server:
                rundir: "{{directory}}"
                pidfile: "{{directory}}/knot.pid"
                listen: 127.0.0.1@{{port}}
                udp-workers: 1
                tcp-workers: 2
                background-workers: 1

            log:
              - target: "{{directory}}/knotd.log"
                any: info

            database:
                storage: "{{directory}}/db"

            key:
              - id: {{keyName}}
                algorithm: {{algorithm}}
                secret: {{secret}}

            acl:
              - id: tsig_update_transfer
                key: {{keyName}}
                action: [update, transfer]

            template:
              - id: default
                storage: "{{directory}}/zones"
                file: "%s.zone"

            zone:

            """);
        foreach (var zone in zones)
            text.Append($"  - domain: {zone}\n    acl: tsig_update_transfer\n");
        return text.ToString();
    }
}
