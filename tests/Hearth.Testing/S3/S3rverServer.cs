using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Hearth.Testing.S3;

/// <summary>
/// A real S3-compatible server, npm s3rver 3.7.1 (pinned in tests/interop/npm, installed by scripts/test.sh), for one
/// test collection: data in a temp dir, listening on a free loopback port, bucket <see cref="Bucket"/> made at start.
/// s3rver ignores conditional writes and does not implement bucket versioning (shared/testinfra/README.md).
/// A missing node or package fails the tests with the command that installs it, never skips them.
/// </summary>
public sealed class S3rverServer : IAsyncLifetime, IDisposable
{
    public const string Bucket = "hearth-state";
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    public const string Region = "us-east-1";

    private const string InstallHint = "run `npm ci --prefix tests/interop/npm` (scripts/test.sh does) with Node.js and npm installed (apt-get install nodejs npm)";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<string> _log = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private DirectoryInfo? _directory;
    private Process? _process;

    /// <summary>Where s3rver listens (<c>http://127.0.0.1:PORT/</c>); buckets are addressed path-style.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    public static string Script => Path.Combine(RepositoryPaths.Root(), "tests", "interop", "npm", "node_modules", "s3rver", "bin", "s3rver.js");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Script))
            throw new InvalidOperationException($"s3rver is missing ({Script}): {InstallHint}; the S3 state tests run against a real server");
        _directory = Directory.CreateTempSubdirectory("hearth-s3rver-");
        // A port found free may be taken before s3rver binds it: one more try with a new port.
        if (!await StartAsync(CancellationToken.None) && !await StartAsync(CancellationToken.None))
            throw new InvalidOperationException($"s3rver did not answer within {ReadyTimeout.TotalSeconds:0} s:\n{LogTail()}\n{InstallHint}");
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

    public void Dispose() => _http.Dispose();

    public string LogTail(int lines = 30) => string.Join('\n', _log.TakeLast(lines));

    /// <summary>The files s3rver keeps for <paramref name="bucket"/>, relative to its data directory (to see what it stored).</summary>
    public IReadOnlyList<string> StoredFiles(string bucket = Bucket)
    {
        var root = Path.Combine(_directory!.FullName, "data", bucket);
        return Directory.Exists(root)
            ? [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f))]
            : [];
    }

    private async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        await StopAsync();
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        var data = Directory.CreateDirectory(Path.Combine(_directory!.FullName, "data")).FullName;
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in new[] { Script, "-d", data, "-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "--configure-bucket", Bucket })
            start.ArgumentList.Add(argument);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException($"`node` is missing, needed to run s3rver: {InstallHint}", e);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        return await WaitUntilReadyAsync(process, cancellationToken);
    }

    /// <summary>Ready when ListBuckets answers with the bucket made at start (s3rver serves it anonymously).</summary>
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
                using var response = await _http.GetAsync(Endpoint, deadline.Token);
                var body = await response.Content.ReadAsStringAsync(deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK && body.Contains($"<Name>{Bucket}</Name>", StringComparison.Ordinal))
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
            if (process.HasExited)
                return;
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

    private void Log(string? line)
    {
        if (line is null)
            return;
        _log.Enqueue(line);
        while (_log.Count > 500)
            _log.TryDequeue(out _);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>.NET can only SIGKILL; kill(1) gives the server its graceful stop.</summary>
    private static async Task SignalAsync(int pid, string signal)
    {
        var start = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add(signal);
        start.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
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
