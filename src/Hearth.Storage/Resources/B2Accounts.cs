using System.Collections.Concurrent;
using Hearth.Core.Diagnostics;
using Hearth.Core.Resources;
using Hearth.Storage.B2;

namespace Hearth.Storage.Resources;

/// <summary>
/// One <see cref="B2Client"/> per account key the lab's <c>providers: { b2: … }</c> names, shared by the bucket and
/// key kinds so a run authorises once. Tests pass a fake B2 as the handler.
/// </summary>
public sealed class B2Accounts : IDisposable
{
    public const string Provider = "b2";

    private readonly HttpMessageHandler _handler;
    private readonly bool _ownsHandler;
    private readonly ConcurrentDictionary<(string KeyId, string Key, Uri Endpoint), Lazy<B2Client>> _clients = new();
    private readonly int? _retries;

    public B2Accounts()
        : this(new SocketsHttpHandler(), ownsHandler: true, retries: null)
    {
    }

    /// <param name="handler">Sends the API's requests; tests pass an in-process fake.</param>
    /// <param name="retries">Retries of transient failures; null keeps the client's default.</param>
    internal B2Accounts(HttpMessageHandler handler, bool ownsHandler = false, int? retries = 0)
    {
        _handler = handler;
        _ownsHandler = ownsHandler;
        _retries = retries;
    }

    /// <exception cref="ResourceException">The lab configures no b2 provider, or leaves out its key.</exception>
    internal B2Client For(ResourceRequest request)
    {
        var settings = request.Providers.Require(Provider, request.Address);
        var keyId = settings.GetString("application_key_id");
        var key = settings.GetString("application_key");
        if (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(key))
            throw new ResourceException($"{request.Address}: providers.b2 needs application_key_id and application_key",
                "e.g. providers: { b2: { application_key_id: \"${secret:secrets/backblaze.yaml#key_id}\", application_key: \"${secret:secrets/backblaze.yaml#key}\" } }");
        var endpoint = settings.GetString("endpoint") is { Length: > 0 } text ? new Uri(text) : B2ClientSettings.DefaultEndpoint;
        return _clients.GetOrAdd((keyId, key, endpoint), k => new Lazy<B2Client>(() =>
        {
            var clientSettings = B2ClientSettings.For(k.KeyId, k.Key, k.Endpoint);
            if (_retries is { } retries)
                clientSettings = clientSettings with { Retries = retries, RetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5) };
            return new B2Client(_handler, clientSettings);
        })).Value;
    }

    /// <summary>The account a request's settings reach, as a batch key: one listing serves every object of it.</summary>
    internal static BatchKey AccountKey(ResourceRequest request) =>
        new($"b2|{request.Providers.Find(Provider)?.GetString("application_key_id")}|{request.Providers.Find(Provider)?.GetString("endpoint")}");

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
            client.Value.Dispose();
        if (_ownsHandler)
            _handler.Dispose();
    }
}
