namespace Hearth.Testing.Bind;

/// <summary>
/// The named.conf of a test server: everything (pid, session key, logs, zone files) inside its own directory so named
/// never touches /etc/bind, /run or /var/cache; primary zones that allow updates and transfers to the keys only.
/// </summary>
public static class BindConfig
{
    public static string Write(string directory, int port, IEnumerable<string> zones, IEnumerable<(string Name, string Algorithm, string Secret)> keys)
    {
        var keyList = keys.ToList();
        var allowed = string.Join(" ", keyList.Select(k => $"key \"{k.Name}\";"));
        var text = new System.Text.StringBuilder();
        text.Append($$"""
            options {
              directory "{{directory}}";
              pid-file "{{directory}}/named.pid";
              session-keyfile "{{directory}}/session.key";
              managed-keys-directory "{{directory}}";
              listen-on port {{port}} { 127.0.0.1; };
              listen-on-v6 { none; };
              recursion no;
              dnssec-validation no;
              notify no;
            };
            controls { };
            logging {
              channel server { file "{{directory}}/named.log"; severity info; print-time yes; print-category yes; };
              channel transfers { file "{{directory}}/xfer-out.log"; severity info; print-time yes; };
              category default { server; };
              category xfer-out { transfers; };
            };

            """);
        foreach (var (name, algorithm, secret) in keyList)
            text.Append($"key \"{name}\" {{ algorithm {algorithm}; secret \"{secret}\"; }};\n");
        foreach (var zone in zones)
        {
            text.Append($$"""
                zone "{{zone}}" {
                  type primary;
                  file "{{directory}}/db.{{zone}}";
                  allow-update { {{allowed}} };
                  allow-transfer { {{allowed}} };
                };

                """);
        }
        return text.ToString();
    }
}
