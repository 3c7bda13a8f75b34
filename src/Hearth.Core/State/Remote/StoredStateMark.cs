using System.Text.Json;
using Hearth.Core.State.Local;

namespace Hearth.Core.State.Remote;

/// <summary>
/// Which state the store held (lineage and serial; no lineage: nothing was stored), as last seen by a run. The recovery
/// cache keeps it beside itself so a later run can tell whether the store is still where the interrupted run left it.
/// </summary>
internal sealed record StoredStateMark(Guid? Lineage, long Serial)
{
    public static readonly StoredStateMark Nothing = new(null, 0);

    public static StoredStateMark Of(StateDocument? state) => state is null ? Nothing : new(state.Lineage, state.Serial);

    /// <summary>Whether <paramref name="state"/> holds changes beyond this mark.</summary>
    public bool IsBehind(StateDocument state) => state.Serial > 0 && (Lineage != state.Lineage || state.Serial > Serial);

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, StateSerializer.CompactWriterOptions))
        {
            writer.WriteStartObject();
            if (Lineage is { } lineage)
                writer.WriteString("lineage", lineage);
            else
                writer.WriteNull("lineage");
            writer.WriteNumber("serial", Serial);
            writer.WriteEndObject();
        }
        await AtomicFile.WriteAsync(path, buffer.ToArray(), cancellationToken, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>The mark at <paramref name="path"/>, or null when there is none or it is unreadable.</summary>
    public static async Task<StoredStateMark?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(path, cancellationToken));
            var root = document.RootElement;
            var lineage = root.GetProperty("lineage");
            return new StoredStateMark(lineage.ValueKind == JsonValueKind.Null ? null : lineage.GetGuid(), root.GetProperty("serial").GetInt64());
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
