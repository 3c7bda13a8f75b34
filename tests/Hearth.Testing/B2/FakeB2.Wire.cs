using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hearth.Testing.B2;

public sealed partial class FakeB2
{
    /// <summary>The JSON body of a POST, or the query string of a GET as a JSON object of strings.</summary>
    private static JsonObject Arguments(HttpRequestMessage request, byte[] body)
    {
        if (request.Method == HttpMethod.Get)
        {
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
            var args = new JsonObject();
            foreach (var name in query.AllKeys.OfType<string>())
                args[name] = query[name];
            return args;
        }
        try
        {
            return JsonNode.Parse(body.Length == 0 ? "{}"u8 : body) as JsonObject
                ?? throw new FakeB2Refusal(400, "bad_json", "the body is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new FakeB2Refusal(400, "bad_json", $"unparsable JSON: {e.Message}");
        }
    }

    private static HttpResponseMessage Json(JsonNode body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Envelope(int status, string code, string message) => new((HttpStatusCode)status)
    {
        Content = new StringContent(new JsonObject { ["status"] = status, ["code"] = code, ["message"] = message }.ToJsonString(), Encoding.UTF8, "application/json"),
    };

    private static string? Text(JsonObject args, string name) => args[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string Required(JsonObject args, string name) =>
        Text(args, name) ?? throw new FakeB2Refusal(400, "bad_request", $"required field {name} is missing");

    /// <summary>A number sent as JSON number or (in a GET) as text; a value of another type is 400 bad_json.</summary>
    private static long? Number(JsonObject args, string name) => args[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<long>(out var n) => n,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new FakeB2Refusal(400, "bad_json", $"{name} must be a number"),
    };
}
