using System.Collections.Concurrent;

namespace Hearth.Testing;

/// <summary>Passes every request on to the network and records it as <c>METHOD /path</c>, to count API calls.</summary>
public sealed class RecordingHttpHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentQueue<string> _calls = new();

    public IReadOnlyList<string> Calls => [.. _calls];

    public void Clear() => _calls.Clear();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _calls.Enqueue($"{request.Method} {request.RequestUri?.AbsolutePath}");
        return base.SendAsync(request, cancellationToken);
    }
}
