using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using Hearth.Testing.Bind;

namespace Hearth.Testing.Knot;

/// <summary>
/// A real Knot DNS (<c>knotd</c>) on a free loopback port, in the foreground with its own config, authoritative for a
/// handful of empty zones that accept dynamic updates and transfers signed with its TSIG key (hmac-sha256); one per
/// test collection (an xunit collection fixture), each test taking its own zone with <see cref="TakeZone"/>. Everything
/// lives in a temporary directory removed on dispose, and only the knotd this fixture started is stopped. A missing
/// knotd fails the tests with the install command.
/// </summary>
public sealed class KnotServer : IAsyncLifetime
{
    /// <summary>Zones served; a test collection can use this many before zones run out.</summary>
    public const int ZoneCount = 16;

    public const string KeyName = "hearth-key";

    public const string Host = "127.0.0.1";

    private const string InstallHint = "install Knot DNS and its clients (apt-get install knot knot-dnsutils)";

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    private int _zonesTaken;
    private Process? _knotd;

    public int Port { get; private set; }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("hearth-knot-").FullName;

    /// <summary>The base64 secret of <see cref="KeyName"/> (hmac-sha256).</summary>
    public string Secret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private string Key => $"hmac-sha256:{KeyName}:{Secret}";

    private string ServerLog => Path.Combine(Directory, "knotd.log");

    /// <summary>An empty zone (SOA, NS, the name server's address) no other test of the collection uses.</summary>
    public string TakeZone()
    {
        var index = Interlocked.Increment(ref _zonesTaken);
        if (index > ZoneCount)
            throw new InvalidOperationException($"the Knot fixture serves {ZoneCount} zones and all are taken; raise KnotServer.ZoneCount");
        return ZoneName(index);
    }

    /// <summary>How many outgoing zone transfers (AXFR) of <paramref name="zone"/> knotd has started, from its log.</summary>
    public async Task<int> TransferCountAsync(string zone, CancellationToken cancellationToken)
    {
        var log = await ReadSharedAsync(ServerLog, cancellationToken);
        var marker = $"[{zone.TrimEnd('.')}.] AXFR, outgoing";
        return log.Split('\n').Count(l => l.Contains(marker, StringComparison.Ordinal) && l.Contains("started", StringComparison.Ordinal));
    }

    /// <summary>Runs Knot's knsupdate with the key: a change made behind Hearth's back.</summary>
    public Task<BindTools.Result> KnsUpdateAsync(string zone, IEnumerable<string> commands, CancellationToken cancellationToken) =>
        KnotTools.KnsUpdateAsync(Host, Port, zone, Key, commands, cancellationToken);

    /// <summary>The zone as knotd serves it, by dig AXFR with the key: one record per line.</summary>
    public Task<string> DigTransferAsync(string zone, CancellationToken cancellationToken) =>
        BindTools.DigTransferAsync(Host, Port, zone, Key, cancellationToken);

    public async Task InitializeAsync()
    {
        var knotd = BindTools.Find("knotd", "/usr/sbin")
            ?? throw new InvalidOperationException($"`knotd` (Knot DNS) is missing: {InstallHint}; the Knot rfc2136 tests run against a real Knot");
        if (BindTools.Find("knsupdate", "/usr/bin") is null)
            throw new InvalidOperationException($"`knsupdate` is missing: {InstallHint}");
        for (var attempt = 1; ; attempt++)
        {
            Port = LoopbackDnsServer.FreePort();
            await WriteConfigAsync();
            try
            {
                await StartAsync(knotd);
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
            // knotd may still be closing a file; a temp directory left behind is harmless.
        }
    }

    private static string ZoneName(int index) => $"k{index}.hearth.test";

    private async Task StartAsync(string knotd)
    {
        var start = new ProcessStartInfo(knotd)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        // Without -d knotd stays in the foreground.
        foreach (var argument in new[] { "-c", Path.Combine(Directory, "knot.conf") })
            start.ArgumentList.Add(argument);
        try
        {
            _knotd = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start {knotd}: {e.Message}; {InstallHint}", e);
        }
        _knotd.StandardInput.Close();
        var errors = _knotd.StandardError.ReadToEndAsync();
        var output = _knotd.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(StartDeadline);
        // Zones load in the background after the server answers: ready once every zone's SOA comes back.
        for (var index = 1; index <= ZoneCount;)
        {
            if (await LoopbackDnsServer.AnswersAsync(Port, ZoneName(index), deadline.Token))
            {
                index++;
                continue;
            }
            if (_knotd.HasExited || deadline.IsCancellationRequested)
            {
                var log = await ReadSharedAsync(ServerLog, CancellationToken.None);
                var exited = _knotd.HasExited ? $"exited with {_knotd.ExitCode}" : $"did not serve {ZoneName(index)} within {StartDeadline.TotalSeconds:0} s";
                var stderr = _knotd.HasExited ? await errors + await output : "";
                throw new InvalidOperationException(
                    $"knotd {exited} on {Host}:{Port}\n{Tail(stderr + log)}\nrun `knotc -c {Path.Combine(Directory, "knot.conf")} conf-check` to see the config's problems");
            }
            await Task.Delay(50, CancellationToken.None);
        }
    }

    private async Task StopAsync()
    {
        if (_knotd is null)
            return;
        using var process = _knotd;
        _knotd = null;
        await LoopbackDnsServer.StopAsync(process);
    }

    private async Task WriteConfigAsync()
    {
        var zones = Enumerable.Range(1, ZoneCount).Select(ZoneName).ToList();
        var zoneDirectory = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "zones")).FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "db"));
        foreach (var zone in zones)
        {
            await File.WriteAllTextAsync(Path.Combine(zoneDirectory, $"{zone}.zone"), $"""
                $ORIGIN {zone}.
                $TTL 300
                @    IN SOA ns1 hostmaster ( 1 3600 600 86400 300 )
                @    IN NS  ns1
                ns1  IN A   127.0.0.1

                """);
        }
        await File.WriteAllTextAsync(Path.Combine(Directory, "knot.conf"), KnotConfig.Write(Directory, Port, zones, KeyName, "hmac-sha256", Secret));
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
