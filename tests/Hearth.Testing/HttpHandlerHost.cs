using System.Net;
using System.Net.Sockets;

namespace Hearth.Testing;

/// <summary>
/// Serves an in-process fake API (an <see cref="HttpMessageHandler"/>) on a loopback port, so a real `hearth` process
/// can talk to it: each request is handed to the fake as it arrived, and its answer written back as the fake gave it.
/// </summary>
public sealed class HttpHandlerHost : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpMessageInvoker _fake;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public HttpHandlerHost(HttpMessageHandler fake)
    {
        _fake = new HttpMessageInvoker(fake, disposeHandler: false);
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The origin to give `hearth`, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string Origin => $"http://127.0.0.1:{Port}";

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), context.Request.Url);
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body, _stop.Token);
            if (body.Length > 0 || context.Request.HasEntityBody)
                request.Content = new ByteArrayContent(body.ToArray());
            foreach (var name in context.Request.Headers.AllKeys.OfType<string>())
            {
                var values = context.Request.Headers.GetValues(name) ?? [];
                if (!request.Headers.TryAddWithoutValidation(name, values))
                    request.Content?.Headers.TryAddWithoutValidation(name, values);
            }
            using var response = await _fake.SendAsync(request, _stop.Token);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                    context.Response.Headers[name] = string.Join(", ", values);
            }
            var content = await response.Content.ReadAsByteArrayAsync(_stop.Token);
            context.Response.ContentLength64 = content.Length;
            await context.Response.OutputStream.WriteAsync(content, _stop.Token);
            context.Response.Close();
        }
        catch (Exception)
        {
            context.Response.Abort(); // A fault the fake injected (a dropped connection), or the host stopping.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        await _serving;
        _fake.Dispose();
        _stop.Dispose();
    }
}
