using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hearth.Testing.B2;

public sealed partial class FakeB2
{
    private const long MaxDurationInSeconds = 86_400_000;
    private const int DefaultMaxKeyCount = 100;
    private const int MaxKeyCount = 10_000;

    private static readonly Regex KeyName = new("^[A-Za-z0-9-]{1,100}$", RegexOptions.CultureInvariant);

    /// <summary>The only answer that carries the new key's secret.</summary>
    private HttpResponseMessage CreateKey(FakeB2Key key, JsonObject args, int version)
    {
        Require(key, "writeKeys");
        RequireAccount(key, args);
        if (key.BucketId is not null)
            throw new FakeB2Refusal(401, "unauthorized", $"Key {key.ApplicationKeyId} is restricted to a bucket and cannot create keys");
        if (args["capabilities"] is not JsonArray capabilities || capabilities.Count == 0 || capabilities.Any(c => c is not JsonValue))
            throw new FakeB2Refusal(400, "bad_request", "capabilities must be a non-empty array of strings");
        var names = capabilities.Select(c => c!.GetValue<string>()).ToList();
        if (names.FirstOrDefault(c => !AllCapabilities.Contains(c, StringComparer.Ordinal)) is { } unknown)
            throw new FakeB2Refusal(400, "bad_request", $"unknown capability: {unknown}");
        var name = Required(args, "keyName");
        if (!KeyName.IsMatch(name))
            throw new FakeB2Refusal(400, "bad_json", $"Invalid keyName: {name} (1 to 100 letters, digits and -)");
        long? expires = null;
        if (Number(args, "validDurationInSeconds") is { } duration)
        {
            if (duration is < 1 or > MaxDurationInSeconds)
                throw new FakeB2Refusal(400, "out_of_range", $"validDurationInSeconds out of range: {duration} (1 to {MaxDurationInSeconds})");
            expires = Now + (duration * 1000);
        }
        var bucketId = Text(args, "bucketId");
        if (version >= 4 && args["bucketIds"] is JsonArray { Count: > 0 } bucketIds)
        {
            if (bucketIds.Count > 1)
                throw new FakeB2Refusal(400, "bad_request", "this fake supports keys restricted to one bucket only");
            bucketId = bucketIds[0]!.GetValue<string>();
        }
        if (bucketId is not null)
            BucketFor(key, bucketId);
        var prefix = Text(args, "namePrefix");
        if (prefix is not null && bucketId is null)
            throw new FakeB2Refusal(400, "bad_request", "namePrefix needs a bucket restriction");
        var created = new FakeB2Key(key.AccountId, "005" + NewId(22), NewSecret(), name, names, bucketId, prefix, expires);
        _keys[created.ApplicationKeyId] = created;
        var json = KeyJson(created);
        json["applicationKey"] = created.ApplicationKey;
        return Json(json);
    }

    private HttpResponseMessage ListKeys(FakeB2Key key, JsonObject args)
    {
        Require(key, "listKeys");
        RequireAccount(key, args);
        var count = MaxCount(args, "maxKeyCount", DefaultMaxKeyCount, MaxKeyCount);
        var start = Text(args, "startApplicationKeyId") ?? "";
        var keys = _keys.Values.Where(k => k.AccountId == key.AccountId && string.CompareOrdinal(k.ApplicationKeyId, start) >= 0)
            .OrderBy(k => k.ApplicationKeyId, StringComparer.Ordinal).ToList();
        return Json(new JsonObject
        {
            ["keys"] = new JsonArray([.. keys.Take(count).Select(k => (JsonNode)KeyJson(k))]),
            ["nextApplicationKeyId"] = keys.Count > count ? keys[count].ApplicationKeyId : null,
        });
    }

    /// <summary>Deletes a key; its tokens stop working (401 <c>bad_auth_token</c>).</summary>
    private HttpResponseMessage DeleteKey(FakeB2Key key, JsonObject args)
    {
        Require(key, "deleteKeys");
        var id = Required(args, "applicationKeyId");
        if (!_keys.TryGetValue(id, out var deleted) || deleted.AccountId != key.AccountId)
            throw new FakeB2Refusal(400, "bad_request", $"applicationKeyId not found: {id}");
        _keys.Remove(id);
        foreach (var token in _tokens.Values.Where(t => t.ApplicationKeyId == id).ToList())
            _tokens.Remove(token.Value);
        return Json(KeyJson(deleted));
    }

    private static JsonObject KeyJson(FakeB2Key key) => new()
    {
        ["accountId"] = key.AccountId,
        ["applicationKeyId"] = key.ApplicationKeyId,
        ["keyName"] = key.KeyName,
        ["capabilities"] = new JsonArray([.. key.Capabilities.Select(c => (JsonNode)c)]),
        ["bucketId"] = key.BucketId,
        ["namePrefix"] = key.NamePrefix,
        ["expirationTimestamp"] = key.ExpirationTimestamp,
        ["options"] = new JsonArray("s3"),
    };
}
