using System.Text.Json.Nodes;

namespace Hearth.Testing.Cloudflare;

/// <summary>One record as <see cref="FakeCloudflare"/> stores it: one value, as Cloudflare keeps them.</summary>
public sealed record FakeCloudflareRecord(
    string Id,
    string ZoneId,
    string Type,
    string Name,
    string Content,
    int Ttl,
    bool Proxied = false,
    string? Comment = null,
    int? Priority = null,
    JsonObject? Data = null)
{
    public static bool CanBeProxied(string type) => type is "A" or "AAAA" or "CNAME";

    /// <summary>What makes two records "identical" to the API (81058): type, name, content and priority.</summary>
    public string Identity => $"{Type}|{Name}|{Content}|{Priority}";

    public JsonObject ToJson(string zoneName)
    {
        var json = new JsonObject
        {
            ["id"] = Id,
            ["zone_id"] = ZoneId,
            ["zone_name"] = zoneName,
            ["name"] = Name,
            ["type"] = Type,
            ["content"] = Content,
            ["proxiable"] = CanBeProxied(Type),
            ["proxied"] = Proxied,
            ["ttl"] = Proxied ? 1 : Ttl,
            ["settings"] = new JsonObject(),
            ["meta"] = new JsonObject(),
            ["tags"] = new JsonArray(),
            ["created_on"] = "2025-06-15T12:00:00.000000Z",
            ["modified_on"] = "2025-06-15T12:00:00.000000Z",
        };
        if (Comment is not null)
        {
            json["comment"] = Comment;
            json["comment_modified_on"] = "2025-06-15T12:00:00.000000Z";
        }
        if (Priority is not null)
            json["priority"] = Priority;
        if (Data is not null)
            json["data"] = Data.DeepClone();
        return json;
    }
}
