using System.Collections.Specialized;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hearth.Testing.Ovh;

public sealed partial class FakeOvh
{
    private static readonly string[] FieldTypes = ["A", "AAAA", "CAA", "CNAME", "DKIM", "DMARC", "LOC", "MX", "NAPTR", "NS", "PTR", "SPF", "SRV", "SSHFP", "TLSA", "TXT"];

    private HttpResponseMessage Route(HttpMethod method, string[] route, NameValueCollection query, string body)
    {
        lock (_gate)
        {
            switch (route)
            {
                case ["domain", "zone"] when method == HttpMethod.Get:
                    return Json(HttpStatusCode.OK, new JsonArray([.. _zones.Order(StringComparer.Ordinal).Select(z => (JsonNode)z)]));
                case ["domain", "zone", var zone, ..] when !_zones.Contains(zone):
                    return Error(HttpStatusCode.NotFound, "Client::NotFound", "This service does not exist");
                case ["domain", "zone", var zone, "record"] when method == HttpMethod.Get:
                    var type = query["fieldType"];
                    var sub = query["subDomain"];
                    var ids = _records.Where(r => r.Zone == zone && (type is null || r.FieldType == type) && (sub is null || r.SubDomain == sub))
                        .Select(r => (JsonNode)r.Id);
                    return Json(HttpStatusCode.OK, new JsonArray([.. ids]));
                case ["domain", "zone", var zone, "record"] when method == HttpMethod.Post:
                    return Create(zone, Parse(body));
                case ["domain", "zone", var zone, "record", var id] when Find(zone, id) is null:
                    return Error(HttpStatusCode.NotFound, "Client::NotFound", $"The requested object (id = {id}) does not exist");
                case ["domain", "zone", var zone, "record", var id] when method == HttpMethod.Get:
                    return Json(HttpStatusCode.OK, Find(zone, id)!.ToJson());
                case ["domain", "zone", var zone, "record", var id] when method == HttpMethod.Put:
                    return Update(Find(zone, id)!, Parse(body));
                case ["domain", "zone", var zone, "record", var id] when method == HttpMethod.Delete:
                    _records.Remove(Find(zone, id)!);
                    return Json(HttpStatusCode.OK, null);
                case ["domain", "zone", var zone, "refresh"] when method == HttpMethod.Post:
                    _published[zone] = [.. _records.Where(r => r.Zone == zone)];
                    return Json(HttpStatusCode.OK, null);
                default:
                    return Error(HttpStatusCode.NotFound, "Client::NotFound", "Got an invalid (or empty) URL");
            }
        }
    }

    private HttpResponseMessage Create(string zone, JsonObject? body)
    {
        if (body is null || Text(body, "fieldType") is not { } type)
            return Error(HttpStatusCode.BadRequest, "Client::BadRequest", "Missing parameter(s) : fieldType");
        if (!FieldTypes.Contains(type))
            return Error(HttpStatusCode.BadRequest, "Client::BadRequest", $"Invalid value for fieldType: {type}");
        if (Text(body, "target") is not { Length: > 0 } target)
            return Error(HttpStatusCode.BadRequest, "Client::BadRequest", "Missing parameter(s) : target");
        if (Ttl(body) is { } problem)
            return problem;
        var record = new FakeOvhRecord(++_nextId, zone, (Text(body, "subDomain") ?? "").ToLowerInvariant(), type, StoredTarget(type, target), Int(body, "ttl") ?? 0);
        _records.Add(record);
        return Json(HttpStatusCode.OK, record.ToJson());
    }

    private HttpResponseMessage Update(FakeOvhRecord before, JsonObject? body)
    {
        if (body is null)
            return Error(HttpStatusCode.BadRequest, "Client::BadRequest", "Invalid body");
        if (body.ContainsKey("fieldType"))
            return Error(HttpStatusCode.BadRequest, "Client::BadRequest", "fieldType cannot be changed: delete the record and create another");
        if (Ttl(body) is { } problem)
            return problem;
        var after = before with
        {
            SubDomain = Text(body, "subDomain")?.ToLowerInvariant() ?? before.SubDomain,
            Target = Text(body, "target") is { } target ? StoredTarget(before.FieldType, target) : before.Target,
            Ttl = Int(body, "ttl") ?? before.Ttl,
        };
        _records[_records.IndexOf(before)] = after;
        return Json(HttpStatusCode.OK, null);
    }

    private static HttpResponseMessage? Ttl(JsonObject body) => Int(body, "ttl") is { } ttl && ttl != 0 && ttl < 60
        ? Error(HttpStatusCode.BadRequest, "Client::BadRequest", "TTL must be 0 or at least 60")
        : null;

    private FakeOvhRecord? Find(string zone, string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? _records.Find(r => r.Zone == zone && r.Id == n) : null;

    private static JsonObject? Parse(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject json, string key) => json[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(JsonObject json, string key) => json[key] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;
}
