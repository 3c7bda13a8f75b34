using System.Collections.Concurrent;

namespace Hearth.Testing;

/// <summary>
/// Passes every request on to the network and records it as <c>METHOD /path</c>, to count API calls; can answer the
/// next few requests itself with an error, as a briefly unwell server would.
/// </summary>
public sealed class RecordingHttpHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentQueue<string> _calls = new();
    private int _failures;
    private System.Net.HttpStatusCode _failure;

    /// <summary>The next <paramref name="count"/> requests get <paramref name="status"/> without reaching the server.</summary>
    public void FailNext(int count, System.Net.HttpStatusCode status)
    {
        _failure = status;
        Volatile.Write(ref _failures, count);
    }

    public IReadOnlyList<string> Calls => [.. _calls];

    public void Clear() => _calls.Clear();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _calls.Enqueue($"{request.Method} {request.RequestUri?.AbsolutePath}");
        if (Interlocked.Decrement(ref _failures) >= 0)
            return Task.FromResult(new HttpResponseMessage(_failure) { RequestMessage = request });
        return base.SendAsync(request, cancellationToken);
    }
}
