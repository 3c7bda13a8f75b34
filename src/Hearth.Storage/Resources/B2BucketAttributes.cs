using System.Globalization;
using System.Text.Json;
using Hearth.Core.Resources;
using Hearth.Core.Values;
using Hearth.Storage.B2;

namespace Hearth.Storage.Resources;

/// <summary>
/// The <c>b2_bucket</c> attributes in one canonical form, from the lab's arguments and from B2's bucket object alike,
/// so a bucket that matches the lab plans no change: rules sorted by prefix with every day field present.
/// </summary>
internal static class B2BucketAttributes
{
    public const string NoEncryption = "none";
    public const string SseB2 = "SSE-B2";

    /// <summary>B2 takes retention periods in days up to 100 years (36,500 days).</summary>
    public const int MaxRetentionDays = 36_500;

    public static readonly string[] DayFields =
        ["days_from_uploading_to_hiding", "days_from_hiding_to_deleting", "days_from_starting_to_canceling_unfinished_large_files"];

    public static readonly JsonElement NoRetention = Json("""{"mode":null,"period":null}""");
    public static readonly JsonElement NoEncryptionJson = Json("""{"mode":null}""");

    public static MapValue Normalise(MapValue config)
    {
        if (config.Get("lifecycle") is ListValue rules && !rules.ContainsUnknown)
            config = config.With("lifecycle", Canonical(rules.Items));
        if (config.Get("cors") is ListValue cors && !cors.ContainsUnknown)
            config = config.With("cors", B2CorsRules.Canonical(cors.Items));
        return config;
    }

    public static MapValue Of(B2Bucket bucket)
    {
        var rules = (bucket.LifecycleRules ?? []).Select(r => Rule(r.FileNamePrefix, r.DaysFromUploadingToHiding, r.DaysFromHidingToDeleting,
            r.DaysFromStartingToCancelingUnfinishedLargeFiles));
        var (locked, mode, days) = FileLock(bucket.FileLockConfiguration);
        return new MapValue(ValueMap.Empty)
            .With("name", Value.String(bucket.BucketName))
            .With("type", Value.String(bucket.BucketType))
            .With("bucket_info", Value.Map((bucket.BucketInfo ?? []).Select(e => KeyValuePair.Create(e.Key, Value.String(e.Value)))))
            .With("lifecycle", Value.List(rules.OrderBy(r => ((MapValue)r).GetString("prefix"), StringComparer.Ordinal)))
            .With("cors", B2CorsRules.Of(bucket.CorsRules))
            .With("encryption", Value.String(EncryptionMode(bucket.DefaultServerSideEncryption) ?? NoEncryption))
            .With("object_lock", Value.Bool(locked))
            .With("retention_mode", mode is null ? Value.Null : Value.String(mode))
            .With("retention_days", days is null ? Value.Null : Value.Number(days.Value))
            .With("id", Value.String(bucket.BucketId))
            .With("revision", Value.Number(bucket.Revision));
    }

    public static List<B2LifecycleRule> Rules(MapValue config) => config.Get("lifecycle") is ListValue list
        ? [.. ((ListValue)Canonical(list.Items)).Items.Cast<MapValue>().Select(r => new B2LifecycleRule(
            r.GetString("prefix") ?? "", Days(r, DayFields[0]), Days(r, DayFields[1]), Days(r, DayFields[2])))]
        : [];

    public static JsonElement? Encryption(MapValue config) =>
        config.GetString("encryption") == SseB2 ? Json("""{"mode":"SSE-B2","algorithm":"AES256"}""") : null;

    public static JsonElement? Retention(MapValue config) =>
        config.GetString("retention_mode") is { } mode && config.GetNumber("retention_days") is { } days
            ? Json($$$"""{"mode":"{{{mode}}}","period":{"duration":{{{((long)days).ToString(CultureInfo.InvariantCulture)}}},"unit":"days"}}""")
            : null;

    /// <summary>What B2 would refuse in the rules: missing or non-positive days, all days null, overlapping prefixes, too many.</summary>
    public static IEnumerable<string> LifecycleProblems(Value? lifecycle)
    {
        if (lifecycle is not ListValue { ContainsUnknown: false } rules)
            yield break;
        if (rules.Items.Count > 100)
            yield return $"{rules.Items.Count} lifecycle rules: B2 keeps at most 100 per bucket";
        var prefixes = new List<string>();
        foreach (var item in rules.Items)
        {
            if (item is not MapValue rule)
            {
                yield return "a lifecycle rule must be a mapping";
                continue;
            }
            var prefix = rule.GetString("prefix") ?? "";
            foreach (var field in DayFields)
            {
                if (rule.Get(field) is { } value and not NullValue && (value is not NumberValue { Amount: var n } || n < 1 || n != decimal.Truncate(n)))
                    yield return $"lifecycle rule for \"{prefix}\": {field} must be a whole number of days, at least 1";
            }
            if (DayFields.All(f => rule.Get(f) is null or NullValue))
                yield return $"lifecycle rule for \"{prefix}\": set at least one of {string.Join(", ", DayFields)}";
            if (prefixes.FirstOrDefault(p => p.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(p, StringComparison.Ordinal)) is { } other)
                yield return $"lifecycle rules for \"{other}\" and \"{prefix}\" overlap: B2 refuses a prefix that starts another";
            prefixes.Add(prefix);
        }
    }

    private static Value Canonical(IEnumerable<Value> rules) => Value.List(rules.OfType<MapValue>()
        .Select(r => Rule(r.GetString("prefix") ?? "", Days(r, DayFields[0]), Days(r, DayFields[1]), Days(r, DayFields[2])))
        .OrderBy(r => ((MapValue)r).GetString("prefix"), StringComparer.Ordinal));

    private static Value Rule(string prefix, int? uploadingToHiding, int? hidingToDeleting, int? cancelingLargeFiles) => new MapValue(ValueMap.Empty)
        .With("prefix", Value.String(prefix))
        .With(DayFields[0], Number(uploadingToHiding))
        .With(DayFields[1], Number(hidingToDeleting))
        .With(DayFields[2], Number(cancelingLargeFiles));

    private static Value Number(int? days) => days is { } n ? Value.Number(n) : Value.Null;

    private static int? Days(MapValue rule, string field) => rule.GetNumber(field) is { } n ? (int)n : null;

    private static string? EncryptionMode(JsonElement? encryption) =>
        encryption is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object &&
        value.TryGetProperty("mode", out var mode) && mode.ValueKind == JsonValueKind.String
            ? mode.GetString()
            : null;

    private static (bool Locked, string? Mode, long? Days) FileLock(JsonElement? configuration)
    {
        if (configuration is not { ValueKind: JsonValueKind.Object } c || !c.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
            return (false, null, null);
        var locked = value.TryGetProperty("isFileLockEnabled", out var enabled) && enabled.ValueKind == JsonValueKind.True;
        if (!value.TryGetProperty("defaultRetention", out var retention) || retention.ValueKind != JsonValueKind.Object ||
            !retention.TryGetProperty("mode", out var mode) || mode.ValueKind != JsonValueKind.String)
            return (locked, null, null);
        long? days = retention.TryGetProperty("period", out var period) && period.ValueKind == JsonValueKind.Object &&
            period.TryGetProperty("duration", out var duration) && duration.ValueKind == JsonValueKind.Number
            ? duration.GetInt64() * (period.TryGetProperty("unit", out var unit) && unit.GetString() == "years" ? 365 : 1)
            : null;
        return (locked, mode.GetString(), days);
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
