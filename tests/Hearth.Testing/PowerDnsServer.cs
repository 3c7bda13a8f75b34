using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Hearth.Testing;

/// <summary>
/// A real PowerDNS Authoritative server (pdns_server, Debian's pdns-server + pdns-backend-sqlite3) for one test
/// collection: a temp dir holds its config, sqlite database and control socket; DNS and the HTTP API listen on free
/// loopback ports; the API key is random. Tests isolate themselves with a zone each (<see cref="CreateZoneAsync"/>).
/// A missing server fails the tests with the install command, never skips them.
/// </summary>
public sealed class PowerDnsServer : IAsyncLifetime, IDisposable
{
    public const string ServerId = "localhost";

    private const string Binary = "/usr/sbin/pdns_server";
    /// <summary>The gsqlite3 backend's schema; the package ships it outside /usr/share/doc (which minimal images leave out) and links it there.</summary>
    private static readonly string Schema = new[]
    {
        "/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql",
        "/usr/share/doc/pdns-backend-sqlite3/schema.sqlite3.sql",
    }.FirstOrDefault(File.Exists) ?? "/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql";
    private const string InstallHint = "install PowerDNS: apt-get install pdns-server pdns-backend-sqlite3 sqlite3";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<string> _log = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private DirectoryInfo? _directory;
    private Process? _process;

    /// <summary>The webserver's address, as the lab's <c>providers.powerdns.url</c> takes it.</summary>
    public string Url { get; private set; } = "";

    public string ApiKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public int DnsPort { get; private set; }

    /// <summary>The zone made at start, for tests that need one and nothing else.</summary>
    public const string Zone = "hearth.test.";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"{Binary} is missing: {InstallHint}; the powerdns provider tests run against a real server");
        if (!File.Exists(Schema))
            throw new InvalidOperationException($"{Schema} is missing (the gsqlite3 backend's schema): {InstallHint}");
        _directory = Directory.CreateTempSubdirectory("hearth-pdns-");
        await CreateDatabaseAsync(CancellationToken.None);
        // A port found free may be taken before pdns_server binds it: one more try with new ports.
        if (!await StartAsync(CancellationToken.None) && !await StartAsync(CancellationToken.None))
            throw new InvalidOperationException($"pdns_server did not start:\n{LogTail()}\nsee {_directory.FullName}/pdns.conf; {InstallHint}");
        await CreateZoneAsync(Zone, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        Dispose();
        try
        {
            _directory?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left in /tmp; nothing depends on it.
        }
    }

    /// <summary>Releases the API client; <see cref="DisposeAsync"/> also stops the server and removes its directory.</summary>
    public void Dispose() => _http.Dispose();

    /// <summary>Creates an empty native zone (SOA and one NS) through the API.</summary>
    public async Task CreateZoneAsync(string zone, CancellationToken cancellationToken)
    {
        var body = $$"""{"name":"{{zone}}","kind":"Native","nameservers":["ns1.{{zone}}"]}""";
        var (status, text) = await SendAsync(HttpMethod.Post, $"servers/{ServerId}/zones", body, cancellationToken);
        if (status != HttpStatusCode.Created)
            throw new InvalidOperationException($"creating zone {zone} failed: {(int)status} {text}");
    }

    /// <summary>A raw API call with the right key, for changes made behind Hearth's back and for checks.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, $"{Url}/api/v1/{path}");
        request.Headers.Add("X-API-Key", ApiKey);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Replaces one RRset directly (changetype REPLACE); <paramref name="contents"/> in PowerDNS's form.</summary>
    public async Task ReplaceAsync(string zone, string name, string type, int ttl, IEnumerable<string> contents, CancellationToken cancellationToken)
    {
        var records = string.Join(",", contents.Select(c => $$"""{"content":"{{JsonEncodedText.Encode(c)}}","disabled":false}"""));
        var body = $$"""{"rrsets":[{"name":"{{name}}","type":"{{type}}","ttl":{{ttl}},"changetype":"REPLACE","records":[{{records}}]}]}""";
        var (status, text) = await SendAsync(HttpMethod.Patch, $"servers/{ServerId}/zones/{zone}", body, cancellationToken);
        if (status != HttpStatusCode.NoContent)
            throw new InvalidOperationException($"replacing {name} {type} in {zone} failed: {(int)status} {text}");
    }

    /// <summary>The zone's listing as PowerDNS gives it (JSON).</summary>
    public async Task<string> ZoneJsonAsync(string zone, CancellationToken cancellationToken)
    {
        var (status, text) = await SendAsync(HttpMethod.Get, $"servers/{ServerId}/zones/{zone}", null, cancellationToken);
        return status == HttpStatusCode.OK ? text : throw new InvalidOperationException($"reading {zone} failed: {(int)status} {text}");
    }

    public string LogTail(int lines = 30) => string.Join('\n', _log.TakeLast(lines));

    private async Task CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("sqlite3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-bail");
        start.ArgumentList.Add(Path.Combine(_directory!.FullName, "pdns.sqlite3"));
        Process sqlite;
        try
        {
            sqlite = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"`sqlite3` is missing, needed to create PowerDNS's database: {InstallHint}", e);
        }
        using (sqlite)
        {
            var output = sqlite.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = sqlite.StandardError.ReadToEndAsync(cancellationToken);
            await sqlite.StandardInput.WriteAsync(await File.ReadAllTextAsync(Schema, cancellationToken));
            sqlite.StandardInput.Close();
            await sqlite.WaitForExitAsync(cancellationToken);
            if (sqlite.ExitCode != 0)
                throw new InvalidOperationException($"sqlite3 could not create the schema from {Schema}: {await output}{await errors}");
        }
    }

    /// <returns>False when the server exited or never answered (the caller retries with new ports).</returns>
    private async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        await StopAsync();
        var directory = _directory!.FullName;
        DnsPort = FreeUdpAndTcpPort();
        var webPort = FreeTcpPort();
        Url = $"http://127.0.0.1:{webPort}";
        await File.WriteAllTextAsync(Path.Combine(directory, "pdns.conf"), Config(directory, DnsPort, webPort, ApiKey), cancellationToken);
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add($"--config-dir={directory}");
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        return await WaitUntilReadyAsync(process, cancellationToken);
    }

    private async Task<bool> WaitUntilReadyAsync(Process process, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadyTimeout);
        while (!deadline.IsCancellationRequested)
        {
            if (process.HasExited)
                return false;
            try
            {
                var (status, _) = await SendAsync(HttpMethod.Get, $"servers/{ServerId}", null, deadline.Token);
                if (status == HttpStatusCode.OK)
                    return true;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (TaskCanceledException)
            {
                break;
            }
        }
        return false;
    }

    /// <summary>SIGTERM, a bounded wait, then a kill: only the process this fixture started.</summary>
    private async Task StopAsync()
    {
        if (_process is not { } process)
            return;
        _process = null;
        using (process)
        {
            if (!process.HasExited)
            {
                await SignalAsync(process.Id, "-TERM");
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                }
            }
        }
    }

    private void Log(string? line)
    {
        if (line is null)
            return;
        _log.Enqueue(line);
        while (_log.Count > 500)
            _log.TryDequeue(out _);
    }

    private static string Config(string directory, int dnsPort, int webPort, string apiKey) => $"""
        launch=gsqlite3
        gsqlite3-database={directory}/pdns.sqlite3
        local-address=127.0.0.1
        local-port={dnsPort}
        socket-dir={directory}
        daemon=no
        guardian=no
        disable-syslog=yes
        loglevel=4
        api=yes
        api-key={apiKey}
        webserver=yes
        webserver-address=127.0.0.1
        webserver-port={webPort}
        webserver-allow-from=127.0.0.1/32
        default-soa-content=ns1.@ hostmaster.@ 0 3600 600 86400 300

        """;

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A port free for both UDP and TCP on loopback, as a DNS server binds both.</summary>
    private static int FreeUdpAndTcpPort()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
            try
            {
                using var tcp = new TcpListener(IPAddress.Loopback, port);
                tcp.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken for TCP: try another.
            }
        }
        throw new InvalidOperationException("no loopback port free for both UDP and TCP after 20 tries");
    }

    /// <summary>.NET can only SIGKILL; kill(1) gives the server its graceful stop.</summary>
    private static async Task SignalAsync(int pid, string signal)
    {
        var start = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add(signal);
        start.ArgumentList.Add(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            using var kill = Process.Start(start)!;
            await kill.WaitForExitAsync(CancellationToken.None);
        }
        catch (Win32Exception)
        {
            // No kill(1): the bounded wait ends in Process.Kill.
        }
    }
}
