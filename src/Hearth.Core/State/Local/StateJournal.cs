using System.Text.Json;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;

namespace Hearth.Core.State.Local;

/// <summary>
/// The journal's line format. The first line names the snapshot it continues (lineage and serial); each
/// further line is one change with the serial it produced. A torn last line (a crash mid-write) is ignored:
/// the change it held was never acknowledged.
/// </summary>
public static class StateJournal
{
    public static byte[] Header(StateDocument baseState) => new JsonLineBuffer().Line(writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("journal", 1);
        writer.WriteString("lineage", baseState.Lineage);
        writer.WriteNumber("base_serial", baseState.Serial);
        writer.WriteEndObject();
    });

    public static byte[] Record(long serial, StateChange change) => Record(serial, change, new JsonLineBuffer());

    /// <param name="buffer">Reused across the lines of a run.</param>
    internal static byte[] Record(long serial, StateChange change, JsonLineBuffer buffer) => buffer.Line(writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("serial", serial);
        switch (change)
        {
            case StateChange.PutResource put:
                writer.WritePropertyName("put");
                StateSerializer.WriteInstance(writer, put.Instance);
                break;
            case StateChange.RemoveResource remove:
                writer.WriteString("remove", remove.Address.ToString());
                break;
            case StateChange.SetOutputs outputs:
                writer.WritePropertyName("outputs");
                StateSerializer.WriteOutputs(writer, outputs.Outputs);
                break;
            case StateChange.Depose depose:
                WriteDeposed(writer, "depose", depose.Address, depose.Key);
                break;
            case StateChange.RestoreDeposed restore:
                WriteDeposed(writer, "restore_deposed", restore.Address, restore.Key);
                break;
            case StateChange.ForgetDeposed forget:
                WriteDeposed(writer, "forget_deposed", forget.Address, forget.Key);
                break;
        }
        writer.WriteEndObject();
    });

    private static void WriteDeposed(Utf8JsonWriter writer, string record, ResourceAddress address, string key)
    {
        writer.WriteStartObject(record);
        writer.WriteString("address", address.ToString());
        writer.WriteString("key", key);
        writer.WriteEndObject();
    }

    private static (ResourceAddress Address, string Key) ReadDeposed(JsonElement element) =>
        (ResourceAddress.Parse(element.GetProperty("address").GetString()!), element.GetProperty("key").GetString()!);

    /// <summary>A creation about to start; replayed as a tainted instance unless a later record settles it.</summary>
    public static byte[] Creating(ResourceInstanceState planned) => Creating(planned, new JsonLineBuffer());

    /// <param name="buffer">Reused across the lines of a run.</param>
    internal static byte[] Creating(ResourceInstanceState planned, JsonLineBuffer buffer) => buffer.Line(writer =>
    {
        writer.WriteStartObject();
        writer.WritePropertyName("creating");
        StateSerializer.WriteInstance(writer, planned with { Tainted = true });
        writer.WriteEndObject();
    });

    /// <summary>Applies the journal's records to <paramref name="snapshot"/>; returns the snapshot unchanged when the journal belongs to another one.</summary>
    public static StateDocument Replay(StateDocument snapshot, byte[] journal, string source, out int records)
    {
        try
        {
            return ReplayRecords(snapshot, journal, source, out records);
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new StateException($"{source} holds a record this build cannot read: {e.Message}",
                "the snapshot beside it is intact: moving the journal aside recovers the state as of the last compaction", e);
        }
    }

    private static StateDocument ReplayRecords(StateDocument snapshot, byte[] journal, string source, out int records)
    {
        records = 0;
        var state = snapshot;
        var lines = SplitLines(journal);
        if (lines.Count == 0)
            return snapshot;
        using (var header = TryParse(lines[0]))
        {
            if (header is null)
                return snapshot;
            var root = header.RootElement;
            if (root.GetProperty("lineage").GetGuid() != snapshot.Lineage || root.GetProperty("base_serial").GetInt64() != snapshot.Serial)
                return snapshot; // Left over from before the last compaction; the snapshot already holds it.
        }
        var pending = new Dictionary<ResourceAddress, ResourceInstanceState>();
        for (var i = 1; i < lines.Count; i++)
        {
            using var record = TryParse(lines[i]);
            if (record is null)
            {
                if (i == lines.Count - 1)
                    break;
                throw new StateException($"{source} is damaged at line {i + 1}",
                    "the snapshot beside it is intact: moving the journal aside recovers the state as of the last compaction (the changes recorded since are lost); then run `hearth plan` to see what differs");
            }
            var root = record.RootElement;
            if (root.TryGetProperty("creating", out var creating))
            {
                var planned = StateSerializer.ReadInstance(creating);
                pending[planned.Address] = planned;
                continue;
            }
            var serial = root.GetProperty("serial").GetInt64();
            if (root.TryGetProperty("put", out var put))
            {
                var instance = StateSerializer.ReadInstance(put);
                pending.Remove(instance.Address);
                state = state.With(new StateChange.PutResource(instance));
            }
            else if (root.TryGetProperty("remove", out var remove))
            {
                var address = ResourceAddress.Parse(remove.GetString()!);
                pending.Remove(address);
                state = state.With(new StateChange.RemoveResource(address));
            }
            else if (root.TryGetProperty("outputs", out var outputs))
            {
                state = state.With(new StateChange.SetOutputs(StateSerializer.ReadOutputs(outputs)));
            }
            else if (root.TryGetProperty("depose", out var depose))
            {
                var (address, key) = ReadDeposed(depose);
                state = state.With(new StateChange.Depose(address, key));
            }
            else if (root.TryGetProperty("restore_deposed", out var restore))
            {
                var (address, key) = ReadDeposed(restore);
                state = state.With(new StateChange.RestoreDeposed(address, key));
            }
            else if (root.TryGetProperty("forget_deposed", out var forget))
            {
                var (address, key) = ReadDeposed(forget);
                state = state.With(new StateChange.ForgetDeposed(address, key));
            }
            state = state with { Serial = serial };
            records++;
        }
        foreach (var planned in pending.Values.Where(p => state.Find(p.Address) is null))
        {
            state = state.With(new StateChange.PutResource(planned)) with { Serial = state.Serial + 1 };
            records++;
        }
        return state;
    }

    private static List<ReadOnlyMemory<byte>> SplitLines(byte[] content)
    {
        var lines = new List<ReadOnlyMemory<byte>>();
        var start = 0;
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] != '\n')
                continue;
            if (i > start)
                lines.Add(content.AsMemory(start, i - start));
            start = i + 1;
        }
        if (start < content.Length)
            lines.Add(content.AsMemory(start)); // A torn last line without its newline.
        return lines;
    }

    private static JsonDocument? TryParse(ReadOnlyMemory<byte> line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
