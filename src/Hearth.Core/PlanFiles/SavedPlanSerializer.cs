using System.Collections.Immutable;
using System.Text.Json;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Planning;
using Hearth.Core.State;
using Hearth.Core.State.Local;

namespace Hearth.Core.PlanFiles;

/// <summary>
/// Reads and writes plan files. A plan file holds the refreshed state, so it is written owner-only (0600)
/// like the state itself.
/// </summary>
public static class SavedPlanSerializer
{
    private const string Format = "hearth-plan";

    public static async Task WriteAsync(string path, SavedPlan plan, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, StateSerializer.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", SavedPlan.FormatVersion);
            writer.WriteString("hearth_version", plan.HearthVersion);
            writer.WriteString("lineage", plan.Lineage);
            writer.WriteNumber("serial", plan.Serial);
            writer.WriteString("lab_fingerprint", plan.LabFingerprint);
            writer.WriteStartObject("options");
            writer.WriteString("mode", plan.Options.Mode.ToString());
            writer.WriteBoolean("refresh", plan.Options.Refresh);
            WriteAddresses(writer, "targets", plan.Options.Targets);
            WriteAddresses(writer, "replace", plan.Options.Replace);
            WriteAddresses(writer, "exclude", plan.Options.Excludes);
            writer.WriteEndObject();
            writer.WriteStartArray("variables");
            foreach (var (name, value) in plan.Variables)
            {
                writer.WriteStartObject();
                writer.WriteString("name", name);
                writer.WriteString("value", value);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("changes");
            foreach (var change in plan.Changes)
            {
                writer.WriteStartObject();
                writer.WriteString("address", change.Address.ToString());
                writer.WriteStartArray("actions");
                foreach (var verb in change.Action.JsonActions())
                    writer.WriteStringValue(verb);
                writer.WriteEndArray();
                if (change.Digest is not null)
                    writer.WriteString("digest", change.Digest);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WritePropertyName("refreshed_state");
            writer.WriteRawValue(StateSerializer.ToBytes(plan.RefreshedState, plan.HearthVersion));
            writer.WriteEndObject();
        }
        await AtomicFile.WriteAsync(path, buffer.ToArray(), cancellationToken, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <exception cref="PlanException">The file is not a plan this build can read.</exception>
    public static async Task<SavedPlan> ReadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PlanException($"cannot read plan file {path}: {e.Message}", "check the path; make a plan file with `hearth plan -out FILE`");
        }
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (!root.TryGetProperty("format", out var format) || format.GetString() != Format)
                throw new PlanException($"{path} is not a hearth plan file", "make one with `hearth plan -out FILE`");
            if (root.GetProperty("version").GetInt32() > SavedPlan.FormatVersion)
                throw new PlanException($"{path} was written by a newer hearth ({root.GetProperty("hearth_version").GetString()})", "apply it with that version");
            var options = root.GetProperty("options");
            var planOptions = new PlanOptions(
                Enum.Parse<PlanMode>(options.GetProperty("mode").GetString()!),
                options.GetProperty("refresh").GetBoolean(),
                ReadAddresses(options.GetProperty("targets")),
                ReadAddresses(options.GetProperty("replace")),
                Excludes: options.TryGetProperty("exclude", out var excludes) ? ReadAddresses(excludes) : []);
            var variables = root.GetProperty("variables").EnumerateArray()
                .Select(v => KeyValuePair.Create(v.GetProperty("name").GetString()!, v.GetProperty("value").GetString()!))
                .ToImmutableArray();
            var changes = root.GetProperty("changes").EnumerateArray()
                .Select(c => new SavedChange(ResourceAddress.Parse(c.GetProperty("address").GetString()!), ParseActions(c.GetProperty("actions")),
                    c.TryGetProperty("digest", out var digest) ? digest.GetString() : null))
                .ToImmutableArray();
            var state = StateSerializer.Read(System.Text.Encoding.UTF8.GetBytes(root.GetProperty("refreshed_state").GetRawText()), path);
            return new SavedPlan(root.GetProperty("hearth_version").GetString()!, root.GetProperty("lineage").GetGuid(),
                root.GetProperty("serial").GetInt64(), root.GetProperty("lab_fingerprint").GetString()!, planOptions, variables, state, changes);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new PlanException($"{path} is not a valid plan file: {e.Message}", "make a new one with `hearth plan -out FILE`");
        }
    }

    private static void WriteAddresses(Utf8JsonWriter writer, string name, ImmutableArray<ResourceAddress> addresses)
    {
        writer.WriteStartArray(name);
        foreach (var address in addresses)
            writer.WriteStringValue(address.ToString());
        writer.WriteEndArray();
    }

    private static ImmutableArray<ResourceAddress> ReadAddresses(JsonElement element) =>
        [.. element.EnumerateArray().Select(a => ResourceAddress.Parse(a.GetString()!))];

    private static ChangeAction ParseActions(JsonElement actions)
    {
        var verbs = string.Join(",", actions.EnumerateArray().Select(a => a.GetString()));
        return Enum.GetValues<ChangeAction>().First(a => string.Join(",", a.JsonActions()) == verbs);
    }
}
