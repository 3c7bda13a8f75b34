using System.Text;
using System.Text.Json.Nodes;

namespace Hearth.Storage.Tests.B2;

/// <summary>
/// A careless server in front of a fake: it refuses calls to one API with an error whose message repeats the
/// request's Authorization header, to prove a client never passes such a message on unredacted.
/// </summary>
internal sealed class EchoingB2(HttpMessageHandler inner, string api) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.RequestUri!.AbsolutePath.Contains("/" + api, StringComparison.Ordinal))
            return base.SendAsync(request, cancellationToken);
        var header = request.Headers.TryGetValues("Authorization", out var values) ? string.Join(" ", values) : "";
        var body = new JsonObject { ["status"] = 400, ["code"] = "bad_request", ["message"] = $"cannot use Authorization {header} here" };
        return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        });
    }
}
