using System.Collections.Specialized;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hearth.Testing.Cloudflare;

public sealed partial class FakeCloudflare
{
    private static readonly string[] KnownTypes =
        ["A", "AAAA", "CNAME", "MX", "NS", "OPENPGPKEY", "PTR", "TXT", "CAA", "CERT", "DNSKEY", "DS", "HTTPS", "LOC", "NAPTR", "SMIMEA", "SRV", "SSHFP", "SVCB", "TLSA", "URI"];

    private HttpResponseMessage Route(HttpMethod method, string[] route, NameValueCollection query, string? body)
    {
        lock (_gate)
        {
            switch (route)
            {
                case ["user", "tokens", "verify"] when method == HttpMethod.Get:
                    return Success(new JsonObject { ["id"] = "ed17574386854bf78a67040be0a770b0", ["status"] = "active" });
                case ["zones"] when method == HttpMethod.Get:
                    var name = query["name"]?.TrimEnd('.').ToLowerInvariant();
                    var zones = _zones.Where(z => name is null || z.Value == name)
                        .Select(z => (JsonNode)new JsonObject { ["id"] = z.Key, ["name"] = z.Value, ["status"] = "active", ["paused"] = false, ["type"] = "full" });
                    return Success(new JsonArray([.. zones]), Info(1, 20, _zones.Count, _zones.Count));
                case ["zones", var zoneId, "dns_records", ..] when !_zones.ContainsKey(zoneId):
                    return Failure(HttpStatusCode.NotFound, 7003, $"Could not route to /zones/{zoneId}/dns_records, perhaps your object identifier is invalid?");
                case ["zones", var zoneId, "dns_records"] when method == HttpMethod.Get:
                    return List(zoneId, query);
                case ["zones", var zoneId, "dns_records"] when method == HttpMethod.Post:
                    return Write(zoneId, null, Parse(body), replace: true);
                case ["zones", var zoneId, "dns_records", var id] when _records.All(r => r.Id != id || r.ZoneId != zoneId):
                    return Failure(HttpStatusCode.NotFound, 81044, "Record does not exist.");
                case ["zones", var zoneId, "dns_records", var id] when method == HttpMethod.Get:
                    return Success(_records.Single(r => r.Id == id).ToJson(_zones[zoneId]));
                case ["zones", var zoneId, "dns_records", var id] when method == HttpMethod.Put || method == HttpMethod.Patch:
                    return Write(zoneId, id, Parse(body), replace: method == HttpMethod.Put);
                case ["zones", _, "dns_records", var id] when method == HttpMethod.Delete:
                    _records.RemoveAll(r => r.Id == id);
                    return Success(new JsonObject { ["id"] = id });
                default:
                    return Failure(HttpStatusCode.NotFound, 7000, "No route for that URI");
            }
        }
    }

    private HttpResponseMessage List(string zoneId, NameValueCollection query)
    {
        var page = Number(query["page"]) ?? 1;
        var perPage = Number(query["per_page"]) ?? 100;
        if (perPage is < 1 or > MaxPerPage || page < 1)
            return Failure(HttpStatusCode.BadRequest, 1004, $"per_page must be between 1 and {MaxPerPage}, and page at least 1");
        var zone = _zones[zoneId];
        var type = query["type"];
        var name = query["name.exact"] ?? query["name"];
        var content = query["content.exact"] ?? query["content"];
        var proxied = query["proxied"];
        var matches = _records.Where(r => r.ZoneId == zoneId
            && (type is null || r.Type == type)
            && (name is null || r.Name == FullName(name, zone))
            && (content is null || string.Equals(r.Content, content, StringComparison.OrdinalIgnoreCase))
            && (proxied is null || r.Proxied == (proxied == "true"))).ToList();
        var items = matches.Skip((int)Math.Min((long)(page - 1) * perPage, int.MaxValue)).Take(perPage).Select(r => (JsonNode)r.ToJson(zone)).ToList();
        var totalPages = (int)((matches.Count + (long)perPage - 1) / perPage);
        return Success(new JsonArray([.. items]), Info(page, perPage, items.Count, matches.Count, totalPages));
    }

    /// <summary>A create (<paramref name="id"/> null), a PUT (<paramref name="replace"/>) or a PATCH of one record, validated as the API does.</summary>
    private HttpResponseMessage Write(string zoneId, string? id, JsonObject? body, bool replace)
    {
        if (body is null)
            return Failure(HttpStatusCode.BadRequest, 1004, "DNS Validation Error: the body is not a JSON object");
        var zone = _zones[zoneId];
        var before = id is null ? null : _records.Single(r => r.Id == id);
        var type = Text(body, "type") ?? (replace ? null : before?.Type);
        var name = Text(body, "name") is { } written ? FullName(written, zone) : replace ? null : before?.Name;
        if (type is null || name is null)
            return Failure(HttpStatusCode.BadRequest, 1004, "DNS Validation Error: type and name are required");
        if (!KnownTypes.Contains(type))
            return Failure(HttpStatusCode.BadRequest, 1004, $"DNS Validation Error: invalid record type {type}");
        if (name != zone && !name.EndsWith("." + zone, StringComparison.Ordinal))
            return Failure(HttpStatusCode.BadRequest, 1004, $"DNS Validation Error: {name} is not in the zone {zone}");

        var data = body["data"] as JsonObject ?? (replace || before?.Type != type ? null : before?.Data);
        var priority = Int(body, "priority") ?? (replace ? null : before?.Priority);
        var content = Text(body, "content") ?? (replace ? null : before?.Content);
        if (type == "SRV" && data is not null)
        {
            priority = Int(data, "priority");
            content = $"{Int(data, "weight")} {Int(data, "port")} {Text(data, "target")?.TrimEnd('.').ToLowerInvariant()}";
        }
        else if (type == "CAA" && data is not null)
        {
            content = $"{Int(data, "flags")} {Text(data, "tag")} \"{Text(data, "value")}\"";
        }
        if (content is null)
            return Failure(HttpStatusCode.BadRequest, 1004, "DNS Validation Error: content is required");
        content = HostContent(type, content);
        if (Invalid(type, content, priority) is { } problem)
            return Failure(HttpStatusCode.BadRequest, 1004, $"DNS Validation Error: {problem}");

        var proxied = Bool(body, "proxied") ?? (replace ? false : before?.Proxied ?? false);
        if (proxied && !FakeCloudflareRecord.CanBeProxied(type))
            return Failure(HttpStatusCode.BadRequest, 9004, $"This record type cannot be proxied.");
        var ttl = Int(body, "ttl") ?? (replace ? 1 : before!.Ttl);
        if (ttl != 1 && ttl is < 60 or > 86400)
            return Failure(HttpStatusCode.BadRequest, 1004, "DNS Validation Error: TTL must be between 60 and 86400 seconds, or 1 for Automatic.");
        var comment = body.ContainsKey("comment") ? Text(body, "comment") : replace ? null : before?.Comment;
        if (comment is { Length: 0 })
            comment = null;
        if (comment is not null && comment.AsSpan().IndexOfAny('\n', '\r') >= 0)
            return Failure(HttpStatusCode.BadRequest, 1004, "DNS Validation Error: comment must not contain line breaks");

        var record = new FakeCloudflareRecord(id ?? NewId(), zoneId, type, name, content, proxied ? 1 : ttl, proxied, comment,
            type is "MX" or "SRV" or "URI" ? priority : null, data?.DeepClone().AsObject());
        var others = _records.Where(r => r.ZoneId == zoneId && r.Id != record.Id && r.Name == name).ToList();
        if (others.Any(r => r.Identity == record.Identity))
            return Failure(HttpStatusCode.BadRequest, 81058, "An identical record already exists.");
        if ((type == "CNAME" && others.Count > 0) || others.Any(r => r.Type == "CNAME"))
            return Failure(HttpStatusCode.BadRequest, 81053, "An A, AAAA, or CNAME record with that host already exists.");
        if (before is null)
            _records.Add(record);
        else
            _records[_records.IndexOf(before)] = record;
        return Success(record.ToJson(zone));
    }

    private static string? Invalid(string type, string content, int? priority) => type switch
    {
        "A" when !IPAddress.TryParse(content, out var v4) || v4.AddressFamily != AddressFamily.InterNetwork || content.Count(c => c == '.') != 3 =>
            $"content for A record is invalid. Must be a valid IPv4 address",
        "AAAA" when !IPAddress.TryParse(content, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6 =>
            $"content for AAAA record is invalid. Must be a valid IPv6 address",
        "MX" when priority is null => "priority is required for MX records",
        "CNAME" or "NS" or "PTR" or "MX" when content.Contains(' ', StringComparison.Ordinal) || content.Length == 0 => $"content for {type} record must be a host name",
        _ => null,
    };

    /// <summary>Names as the API stores them: full, lower case, no trailing dot; <c>@</c> and relative names made full.</summary>
    private static string FullName(string name, string zone)
    {
        var bare = name.TrimEnd('.').ToLowerInvariant();
        return bare == "@" ? zone : bare == zone || bare.EndsWith("." + zone, StringComparison.Ordinal) ? bare : $"{bare}.{zone}";
    }

    private static string HostContent(string type, string content) =>
        type is "CNAME" or "NS" or "PTR" or "MX" && content != "." ? content.TrimEnd('.').ToLowerInvariant() : content;

    private static JsonObject Info(int page, int perPage, int count, int total, int? totalPages = null) => new()
    {
        ["page"] = page,
        ["per_page"] = perPage,
        ["count"] = count,
        ["total_count"] = total,
        ["total_pages"] = totalPages ?? 1,
    };

    private static JsonObject? Parse(string? body)
    {
        try
        {
            return body is null ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int? Number(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string? Text(JsonObject json, string key) => json[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(JsonObject json, string key) => json[key] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;

    private static bool? Bool(JsonObject json, string key) => json[key] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;
}
