using System.Collections.Immutable;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Expressions;
using Hearth.Core.Labs;
using Hearth.Core.Syntax;
using Hearth.Core.Values;
using Hearth.Storage.Resources;
using static Hearth.Core.Labs.SectionSyntax;

namespace Hearth.Storage.Lab;

/// <summary>
/// The lab's <c>storage:</c> section: <c>b2: { buckets: {NAME: …}, keys: {NAME: …} }</c>, expanded into one
/// <c>b2_bucket</c> and one <c>b2_key</c> resource each. Names, capabilities, lifecycle rules and retention written as
/// plain text are checked here, at their file:line:column. A key's <c>bucket:</c> naming a bucket of the section
/// becomes a reference to it (so the bucket is made first); any other name is taken as an existing bucket of the account.
/// </summary>
public sealed class StorageSection(B2BucketResourceType bucketType, B2KeyResourceType keyType) : ILabSection
{
    private const string B2BucketKind = "b2_bucket";
    private const string B2KeyKind = "b2_key";

    private static readonly string[] BucketKeys = ["name", "type", "bucket_info", "lifecycle", "cors", "encryption", "object_lock"];
    private static readonly string[] RuleKeys = ["prefix", .. B2BucketAttributes.DayFields];
    private static readonly string[] LockKeys = ["mode", "days"];
    private static readonly string[] KeyKeys = ["key_name", "bucket", "capabilities", "name_prefix", "valid_duration", "duration", "write_to"];

    public string Name => "storage";

    public IEnumerable<ResourceConfig> Expand(MappingSyntax section, LabSectionContext context)
    {
        var diagnostics = new DiagnosticBag();
        var resources = new List<ResourceConfig>();
        foreach (var entry in section.Entries)
        {
            if (entry.Key.Text != "b2")
            {
                diagnostics.Add(entry.Key.Span, $"storage.{entry.Key.Text} is not a setting of the storage section", "B2 buckets and keys go under storage.b2");
                continue;
            }
            if (entry.Value is not MappingSyntax b2)
            {
                diagnostics.Add(entry.Value.Span, $"storage.b2 must be a mapping with buckets: and keys:, not {entry.Value.Describe()}");
                continue;
            }
            foreach (var part in b2.Entries.Where(e => e.Key.Text is not ("buckets" or "keys")))
                diagnostics.Add(part.Key.Span, $"storage.b2.{part.Key.Text} is not a setting", NameSuggester.Hint(part.Key.Text, ["buckets", "keys"], "setting"));
            var buckets = Mapping(b2.Find("buckets"), "storage.b2.buckets", diagnostics);
            var declared = buckets.ToDictionary(b => b.Key.Text, b => Address(B2BucketKind, b.Key.Text), StringComparer.Ordinal);
            foreach (var bucket in buckets)
            {
                if (ExpandBucket(bucket, diagnostics) is { } resource)
                    resources.Add(resource);
            }
            foreach (var key in Mapping(b2.Find("keys"), "storage.b2.keys", diagnostics))
            {
                if (ExpandKey(key, declared, diagnostics) is { } resource)
                    resources.Add(resource);
            }
        }
        diagnostics.ThrowIfAny();
        return resources;
    }

    private ResourceConfig? ExpandBucket(MappingEntry entry, DiagnosticBag diagnostics)
    {
        if (entry.Value is not MappingSyntax settings)
        {
            diagnostics.Add(entry.Value.Span, $"bucket {entry.Key.Text} must be a mapping such as {{ type: allPrivate }}, not {entry.Value.Describe()}");
            return null;
        }
        CheckKeys(settings, BucketKeys, $"bucket {entry.Key.Text}", diagnostics);
        var name = Literal(settings.Find("name"), diagnostics) ?? (entry.Key.Text, entry.Key.Span);
        if (B2Names.BucketNameProblem(name.Text) is { } problem)
            diagnostics.Add(name.Span, problem, "B2 bucket names are 6 to 63 letters, digits and -, globally unique, not starting with b2-");
        var arguments = new List<MapEntryExpression> { Text("name", name.Text, name.Span) };
        if (Literal(settings.Find("type"), diagnostics) is { } type)
        {
            if (type.Text is not ("allPrivate" or "allPublic"))
                diagnostics.Add(type.Span, $"`{type.Text}` is not a bucket type", NameSuggester.Hint(type.Text, ["allPrivate", "allPublic"], "type"));
            arguments.Add(Text("type", type.Text, type.Span));
        }
        if (settings.Find("cors") is { Value: SequenceSyntax corsRules })
        {
            foreach (var rule in corsRules.Items.OfType<MappingSyntax>())
                CheckKeys(rule, B2CorsRules.Fields, "a CORS rule", diagnostics);
        }
        foreach (var key in new[] { "bucket_info", "cors", "encryption" })
        {
            if (settings.Find(key) is { } setting)
                arguments.Add(new MapEntryExpression(key, setting.Key.Span, ExpressionParser.FromSyntax(setting.Value)));
        }
        if (settings.Find("lifecycle") is { } lifecycle)
        {
            CheckLifecycle(lifecycle.Value, diagnostics);
            arguments.Add(new MapEntryExpression("lifecycle", lifecycle.Key.Span, ExpressionParser.FromSyntax(lifecycle.Value)));
        }
        if (settings.Find("object_lock") is { } objectLock)
            arguments.AddRange(ObjectLock(objectLock, diagnostics));
        return new ResourceConfig(Address(B2BucketKind, entry.Key.Text), bucketType, new MapExpression([.. arguments], settings.Span),
            null, [], LifecycleConfig.Default, settings.Span);
    }

    /// <summary><c>object_lock: true</c>, or <c>{ mode: governance|compliance, days: N }</c> for a default retention too.</summary>
    private static IEnumerable<MapEntryExpression> ObjectLock(MappingEntry entry, DiagnosticBag diagnostics)
    {
        var span = entry.Key.Span;
        if (entry.Value is ScalarSyntax { Text: "true" or "false" } flag)
            return [new("object_lock", span, new LiteralExpression(Value.Bool(flag.Text == "true"), flag.Span))];
        if (entry.Value is not MappingSyntax settings)
        {
            diagnostics.Add(entry.Value.Span, $"object_lock must be true, or {{ mode: governance, days: 30 }}, not {entry.Value.Describe()}");
            return [];
        }
        CheckKeys(settings, LockKeys, "object_lock", diagnostics);
        var mode = Literal(settings.Find("mode"), diagnostics);
        var days = Literal(settings.Find("days"), diagnostics);
        if (mode is null || days is null)
        {
            diagnostics.Add(settings.Span, "object_lock needs mode: and days: for a default retention", "e.g. { mode: governance, days: 30 }, or object_lock: true for none");
            return [];
        }
        if (mode.Value.Text is not ("governance" or "compliance"))
            diagnostics.Add(mode.Value.Span, $"`{mode.Value.Text}` is not a retention mode", NameSuggester.Hint(mode.Value.Text, ["governance", "compliance"], "mode"));
        if (!int.TryParse(days.Value.Text, out var count) || count < 1 || count > B2BucketAttributes.MaxRetentionDays)
            diagnostics.Add(days.Value.Span, $"retention days must be a whole number from 1 to {B2BucketAttributes.MaxRetentionDays}, not `{days.Value.Text}`");
        return
        [
            new("object_lock", span, new LiteralExpression(Value.True, span)),
            Text("retention_mode", mode.Value.Text, mode.Value.Span),
            new("retention_days", days.Value.Span, new LiteralExpression(Value.Number(count), days.Value.Span)),
        ];
    }

    private static void CheckLifecycle(SyntaxNode node, DiagnosticBag diagnostics)
    {
        if (node is not SequenceSyntax rules)
        {
            diagnostics.Add(node.Span, $"lifecycle must be a list of rules such as [{{ prefix: \"\", days_from_hiding_to_deleting: 30 }}], not {node.Describe()}");
            return;
        }
        var prefixes = new List<(string Prefix, SourceSpan Span)>();
        foreach (var item in rules.Items)
        {
            if (item is not MappingSyntax rule)
            {
                diagnostics.Add(item.Span, $"a lifecycle rule must be a mapping, not {item.Describe()}");
                continue;
            }
            CheckKeys(rule, RuleKeys, "a lifecycle rule", diagnostics);
            var prefix = rule.Find("prefix")?.Value is ScalarSyntax p ? p.Text : "";
            var set = 0;
            foreach (var field in B2BucketAttributes.DayFields)
            {
                if (rule.Find(field) is not { Value: ScalarSyntax days } || days.Text is "" or "null" || days.Text.Contains("${", StringComparison.Ordinal))
                    continue;
                set++;
                if (!int.TryParse(days.Text, out var n) || n < 1)
                    diagnostics.Add(days.Span, $"{field} must be a whole number of days, at least 1 (B2 refuses 0), not `{days.Text}`", "leave it out for never");
            }
            if (set == 0 && !rule.Entries.Any(e => e.Value is ScalarSyntax s && s.Text.Contains("${", StringComparison.Ordinal)))
                diagnostics.Add(rule.Span, $"lifecycle rule for \"{prefix}\" sets no days", $"set one of {string.Join(", ", B2BucketAttributes.DayFields)}");
            if (prefixes.FindIndex(o => o.Prefix.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(o.Prefix, StringComparison.Ordinal)) is var index and >= 0 &&
                prefixes[index] is var other)
                diagnostics.Add(rule.Span, $"lifecycle rules for \"{other.Prefix}\" (at {other.Span}) and \"{prefix}\" overlap: B2 refuses a prefix that starts another",
                    "merge them into one rule, or make the prefixes disjoint");
            prefixes.Add((prefix, rule.Span));
        }
    }

    private ResourceConfig? ExpandKey(MappingEntry entry, Dictionary<string, ResourceAddress> buckets, DiagnosticBag diagnostics)
    {
        if (entry.Value is not MappingSyntax settings)
        {
            diagnostics.Add(entry.Value.Span, $"key {entry.Key.Text} must be a mapping with capabilities: and write_to:, not {entry.Value.Describe()}");
            return null;
        }
        CheckKeys(settings, KeyKeys, $"key {entry.Key.Text}", diagnostics);
        var keyName = Literal(settings.Find("key_name"), diagnostics) ?? (entry.Key.Text, entry.Key.Span);
        if (B2Names.KeyNameProblem(keyName.Text) is { } nameProblem)
            diagnostics.Add(keyName.Span, nameProblem, "set key_name: to a name B2 takes");
        var arguments = new List<MapEntryExpression> { Text("key_name", keyName.Text, keyName.Span) };
        if (settings.Find("capabilities") is not { } capabilities)
            diagnostics.Add(entry.Key.Span, $"key {entry.Key.Text} has no capabilities", "e.g. capabilities: [listBuckets, listFiles, readFiles, writeFiles, deleteFiles]");
        else if (capabilities.Value is not SequenceSyntax list)
            diagnostics.Add(capabilities.Value.Span, $"capabilities must be a list, not {capabilities.Value.Describe()}");
        else
        {
            foreach (var item in list.Items.OfType<ScalarSyntax>().Where(c => !c.Text.Contains("${", StringComparison.Ordinal) && !B2Names.Capabilities.Contains(c.Text, StringComparer.Ordinal)))
                diagnostics.Add(item.Span, $"`{item.Text}` is not a B2 capability", NameSuggester.Hint(item.Text, B2Names.Capabilities, "capability"));
            arguments.Add(new MapEntryExpression("capabilities", capabilities.Key.Span, ExpressionParser.FromSyntax(capabilities.Value)));
        }
        if (settings.Find("bucket") is { } bucket)
        {
            if (bucket.Value is ScalarSyntax { Text: var text } scalar && !text.Contains("${", StringComparison.Ordinal) && buckets.TryGetValue(text, out var address))
                arguments.Add(new MapEntryExpression("bucket", bucket.Key.Span, new ReferenceExpression(
                    [new AttributeStep(address.Kind), new AttributeStep(address.Name), new AttributeStep("name")], scalar.Span)));
            else
                arguments.Add(new MapEntryExpression("bucket", bucket.Key.Span, ExpressionParser.FromSyntax(bucket.Value)));
        }
        if (settings.Find("name_prefix") is { } prefix)
            arguments.Add(new MapEntryExpression("name_prefix", prefix.Key.Span, ExpressionParser.FromSyntax(prefix.Value)));
        var duration = settings.Find("valid_duration") ?? settings.Find("duration");
        if (settings.Find("valid_duration") is not null && settings.Find("duration") is { } both)
            diagnostics.Add(both.Key.Span, "duration is another name for valid_duration: give only one");
        if (duration is not null)
        {
            if (duration.Value is ScalarSyntax { Text: var seconds } d && !seconds.Contains("${", StringComparison.Ordinal) &&
                (!long.TryParse(seconds, out var n) || n < 1 || n > B2Names.MaxValidDurationSeconds))
                diagnostics.Add(d.Span, $"{duration.Key.Text} is in seconds, 1 to {B2Names.MaxValidDurationSeconds} (1000 days), not `{seconds}`", "leave it out for a key that never expires");
            arguments.Add(new MapEntryExpression("valid_duration", duration.Key.Span, ExpressionParser.FromSyntax(duration.Value)));
        }
        if (Literal(settings.Find("write_to"), diagnostics) is { } writeTo)
            arguments.Add(Text("write_to", writeTo.Text, writeTo.Span));
        else
            diagnostics.Add(entry.Key.Span, $"key {entry.Key.Text} has no write_to:", "B2 shows a key's secret once: name the SOPS file it goes into, e.g. write_to: secrets/dovecot.yaml");
        return new ResourceConfig(Address(B2KeyKind, entry.Key.Text), keyType, new MapExpression([.. arguments], settings.Span),
            null, [], LifecycleConfig.Default, settings.Span);
    }

    private static IReadOnlyList<MappingEntry> Mapping(MappingEntry? entry, string what, DiagnosticBag diagnostics)
    {
        if (entry is null)
            return [];
        if (entry.Value is MappingSyntax mapping)
            return mapping.Entries;
        diagnostics.Add(entry.Value.Span, $"{what} must be a mapping by name, not {entry.Value.Describe()}");
        return [];
    }

    private static ResourceAddress Address(string kind, string name) => new(kind, AddressPart(name));
}
