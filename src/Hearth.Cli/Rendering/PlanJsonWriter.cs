using System.Text.Json;
using Hearth.Core.Planning;
using Hearth.Core.State;
using Hearth.Core.Values;

namespace Hearth.Cli.Rendering;

/// <summary>
/// The plan as one JSON document for scripts and CI, shaped like <c>terraform show -json</c>: resource_changes
/// with action lists, before/after, after_unknown. Sensitive values are never written: they appear as null with
/// <c>true</c> at the same place in before_sensitive/after_sensitive.
/// </summary>
internal static class PlanJsonWriter
{
    public static void Write(Stream stream, Plan plan, string hearthVersion)
    {
        using var writer = new Utf8JsonWriter(stream, StateSerializer.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("format_version", "1.0");
        writer.WriteString("hearth_version", hearthVersion);
        writer.WriteString("mode", plan.Options.Mode switch { PlanMode.Destroy => "destroy", PlanMode.RefreshOnly => "refresh-only", _ => "normal" });
        writer.WriteString("lineage", plan.Lineage);
        writer.WriteNumber("serial", plan.Serial);
        writer.WriteStartArray("resource_drift");
        foreach (var drift in plan.Drift)
        {
            writer.WriteStartObject();
            WriteAddress(writer, drift.Address);
            WriteChange(writer, drift.After is null ? ["delete"] : ["update"], drift.Before, drift.After);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("resource_changes");
        foreach (var change in plan.Changes)
        {
            writer.WriteStartObject();
            WriteAddress(writer, change.Address);
            if (change.DeposedKey is not null)
                writer.WriteString("deposed", change.DeposedKey);
            WriteChange(writer, change.Action.JsonActions(), change.Before, change.After);
            if (ActionReason(change.Reason) is { } reason)
                writer.WriteString("action_reason", reason);
            if (!change.ReplacePaths.IsEmpty)
            {
                writer.WriteStartArray("replace_paths");
                foreach (var path in change.ReplacePaths)
                    writer.WriteStringValue(path);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartObject("output_changes");
        foreach (var output in plan.Outputs)
        {
            writer.WritePropertyName(output.Name);
            var action = output.Before is null ? "create" : output.After is null ? "delete" : output.IsChange ? "update" : "no-op";
            Value? before = output.Sensitive && output.Before is not null ? output.Before.MarkSensitive() : output.Before;
            Value? after = output.Sensitive && output.After is not null ? output.After.MarkSensitive() : output.After;
            writer.WriteStartObject();
            WriteChangeBody(writer, [action], before, after);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteStartObject("summary");
        writer.WriteNumber("add", plan.ToAdd);
        writer.WriteNumber("change", plan.ToChange);
        writer.WriteNumber("remove", plan.ToDestroy);
        writer.WriteEndObject();
        writer.WriteBoolean("has_changes", plan.HasChanges);
        writer.WriteEndObject();
    }

    private static void WriteAddress(Utf8JsonWriter writer, Hearth.Core.Addressing.ResourceAddress address)
    {
        writer.WriteString("address", address.ToString());
        writer.WriteString("type", address.Kind);
        writer.WriteString("name", address.Name);
        if (address.Key is not null)
            writer.WriteString("index", address.Key);
    }

    private static void WriteChange(Utf8JsonWriter writer, string[] actions, Value? before, Value? after)
    {
        writer.WriteStartObject("change");
        WriteChangeBody(writer, actions, before, after);
        writer.WriteEndObject();
    }

    private static void WriteChangeBody(Utf8JsonWriter writer, string[] actions, Value? before, Value? after)
    {
        writer.WriteStartArray("actions");
        foreach (var action in actions)
            writer.WriteStringValue(action);
        writer.WriteEndArray();
        writer.WritePropertyName("before");
        WriteRedacted(writer, before);
        writer.WritePropertyName("after");
        WriteRedacted(writer, after);
        writer.WritePropertyName("after_unknown");
        WriteMarks(writer, after, v => v is UnknownValue or SensitiveValue { Inner: UnknownValue });
        writer.WritePropertyName("before_sensitive");
        WriteMarks(writer, before, v => v is SensitiveValue);
        writer.WritePropertyName("after_sensitive");
        WriteMarks(writer, after, v => v is SensitiveValue);
    }

    /// <summary>The value with sensitive and unknown parts written as null.</summary>
    private static void WriteRedacted(Utf8JsonWriter writer, Value? value)
    {
        switch (value)
        {
            case null or NullValue or UnknownValue or SensitiveValue:
                writer.WriteNullValue();
                break;
            case ListValue l:
                writer.WriteStartArray();
                foreach (var item in l.Items)
                    WriteRedacted(writer, item);
                writer.WriteEndArray();
                break;
            case MapValue m:
                writer.WriteStartObject();
                foreach (var (key, item) in m.Entries)
                {
                    writer.WritePropertyName(key);
                    WriteRedacted(writer, item);
                }
                writer.WriteEndObject();
                break;
            default:
                ValueJson.Write(writer, value);
                break;
        }
    }

    /// <summary>Terraform's mark shape: true where the predicate holds, objects/arrays where something inside does, false elsewhere.</summary>
    private static void WriteMarks(Utf8JsonWriter writer, Value? value, Func<Value, bool> marked)
    {
        if (value is not null && marked(value))
        {
            writer.WriteBooleanValue(true);
            return;
        }
        switch (value)
        {
            case MapValue m:
                writer.WriteStartObject();
                foreach (var (key, item) in m.Entries.Where(e => Contains(e.Value, marked)))
                {
                    writer.WritePropertyName(key);
                    WriteMarks(writer, item, marked);
                }
                writer.WriteEndObject();
                break;
            case ListValue l:
                writer.WriteStartArray();
                foreach (var item in l.Items)
                    WriteMarks(writer, item, marked);
                writer.WriteEndArray();
                break;
            default:
                writer.WriteBooleanValue(false);
                break;
        }
    }

    private static bool Contains(Value value, Func<Value, bool> marked) => marked(value) || value switch
    {
        MapValue m => m.Entries.Values.Any(v => Contains(v, marked)),
        ListValue l => l.Items.Any(v => Contains(v, marked)),
        _ => false,
    };

    private static string? ActionReason(ChangeReason reason) => reason switch
    {
        ChangeReason.Tainted => "replace_because_tainted",
        ChangeReason.ReplaceRequested => "replace_by_request",
        ChangeReason.NotInConfiguration => "delete_because_no_resource_config",
        ChangeReason.NoForEachKey => "delete_because_each_key",
        ChangeReason.Undeclared => "delete_because_undeclared",
        _ => null,
    };
}
