using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Hearth.Testing.Bind;

/// <summary>
/// A real BIND 9 (<c>named</c>) on a free loopback port, authoritative for a handful of empty zones that accept dynamic
/// updates and transfers signed with its TSIG keys; one per test collection (an xunit collection fixture), each test
/// taking its own zone with <see cref="TakeZone"/>. Everything lives in a temporary directory removed on dispose, and
/// only the named this fixture started is stopped. A missing named fails the tests with the install command.
/// </summary>
public sealed class BindServer : IAsyncLifetime
{
    /// <summary>Zones served; a test collection can use this many before zones run out.</summary>
    public const int ZoneCount = 24;

    public const string Sha256KeyName = "hearth-key";
    public const string Sha512KeyName = "hearth-key-512";

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    private int _zonesTaken;
    private Process? _named;

    public const string Host = "127.0.0.1";

    public int Port { get; private set; }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("hearth-bind-").FullName;

    /// <summary>The base64 secret of <see cref="Sha256KeyName"/> (hmac-sha256).</summary>
    public string Sha256Secret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The base64 secret of <see cref="Sha512KeyName"/> (hmac-sha512).</summary>
    public string Sha512Secret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    private string XferLog => Path.Combine(Directory, "xfer-out.log");

    private string ServerLog => Path.Combine(Directory, "named.log");

    /// <summary>An empty zone (SOA, NS, the name server's address) no other test of the collection uses.</summary>
    public string TakeZone()
    {
        var index = Interlocked.Increment(ref _zonesTaken);
        if (index > ZoneCount)
            throw new InvalidOperationException($"the BIND fixture serves {ZoneCount} zones and all are taken; raise BindServer.ZoneCount");
        return ZoneName(index);
    }

    /// <summary>How many zone transfers (AXFR) of <paramref name="zone"/> named has started, from its transfer log.</summary>
    public async Task<int> TransferCountAsync(string zone, CancellationToken cancellationToken)
    {
        var log = await ReadSharedAsync(XferLog, cancellationToken);
        var marker = $"'{zone.TrimEnd('.')}/IN'";
        return log.Split('\n').Count(l => l.Contains(marker, StringComparison.Ordinal) && l.Contains("AXFR started", StringComparison.Ordinal));
    }

    /// <summary>Runs BIND's nsupdate with the sha256 key: a change made behind Hearth's back.</summary>
    public Task<BindTools.Result> NsUpdateAsync(string zone, IEnumerable<string> commands, CancellationToken cancellationToken) =>
        BindTools.NsUpdateAsync(Host, Port, zone, $"hmac-sha256:{Sha256KeyName}:{Sha256Secret}", commands, cancellationToken);

    /// <summary>The zone as named serves it, by dig AXFR with the sha256 key: one record per line.</summary>
    public Task<string> DigTransferAsync(string zone, CancellationToken cancellationToken) =>
        BindTools.DigTransferAsync(Host, Port, zone, $"hmac-sha256:{Sha256KeyName}:{Sha256Secret}", cancellationToken);

    public async Task InitializeAsync()
    {
        var named = BindTools.Find("named", "/usr/sbin")
            ?? throw new InvalidOperationException("`named` (BIND 9) is missing: install it (apt-get install bind9 bind9-dnsutils); the rfc2136 tests run against a real BIND");
        for (var attempt = 1; ; attempt++)
        {
            Port = LoopbackDnsServer.FreePort();
            await WriteConfigAsync();
            try
            {
                await StartAsync(named);
                return;
            }
            catch (InvalidOperationException) when (attempt < 2)
            {
                // The port was taken between choosing and binding it (another test's server): once more with a new one.
                await StopAsync();
            }
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // named may still be closing a file; a temp directory left behind is harmless.
        }
    }

    private static string ZoneName(int index) => $"z{index}.hearth.test";

    private async Task StartAsync(string named)
    {
        var start = new ProcessStartInfo(named)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        // -f: foreground with the configured logging; -4: IPv4 only; -n 1: one worker is plenty for tests.
        foreach (var argument in new[] { "-f", "-4", "-n", "1", "-c", Path.Combine(Directory, "named.conf") })
            start.ArgumentList.Add(argument);
        try
        {
            _named = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start {named}: {e.Message}; install BIND (apt-get install bind9)", e);
        }
        _named.StandardInput.Close();
        var errors = _named.StandardError.ReadToEndAsync();
        var output = _named.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(StartDeadline);
        while (!await LoopbackDnsServer.AnswersAsync(Port, ZoneName(1), deadline.Token))
        {
            if (_named.HasExited || deadline.IsCancellationRequested)
            {
                var log = File.Exists(ServerLog) ? await ReadSharedAsync(ServerLog, CancellationToken.None) : "";
                var exited = _named.HasExited ? $"exited with {_named.ExitCode}" : $"did not answer within {StartDeadline.TotalSeconds:0} s";
                var stderr = _named.HasExited ? await errors + await output : "";
                throw new InvalidOperationException(
                    $"named {exited} on {Host}:{Port}\n{Tail(stderr + log)}\nrun `named-checkconf {Path.Combine(Directory, "named.conf")}` to see the config's problems");
            }
            await Task.Delay(50, CancellationToken.None);
        }
    }

    private async Task StopAsync()
    {
        if (_named is null)
            return;
        using var process = _named;
        _named = null;
        await LoopbackDnsServer.StopAsync(process);
    }

    private async Task WriteConfigAsync()
    {
        var zones = Enumerable.Range(1, ZoneCount).Select(ZoneName).ToList();
        foreach (var zone in zones)
        {
            await File.WriteAllTextAsync(Path.Combine(Directory, $"db.{zone}"), $"""
                $ORIGIN {zone}.
                $TTL 300
                @    IN SOA ns1 hostmaster ( 1 3600 600 86400 300 )
                @    IN NS  ns1
                ns1  IN A   127.0.0.1

                """);
        }
        await File.WriteAllTextAsync(Path.Combine(Directory, "named.conf"), BindConfig.Write(Directory, Port, zones,
            [(Sha256KeyName, "hmac-sha256", Sha256Secret), (Sha512KeyName, "hmac-sha512", Sha512Secret)]));
    }

    private static async Task<string> ReadSharedAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return "";
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(20));
}
