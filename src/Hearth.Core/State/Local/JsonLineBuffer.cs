using System.Buffers;
using System.Text.Json;

namespace Hearth.Core.State.Local;

/// <summary>
/// Builds JSON lines in one reused buffer: a run writes two journal lines per resource, and a fresh buffer for each
/// (a JSON writer starts with 4 KiB) would cost several KiB of garbage per line. Not thread-safe: its owner
/// serialises the calls.
/// </summary>
internal sealed class JsonLineBuffer
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    /// <summary>The JSON <paramref name="write"/> produces, followed by a newline.</summary>
    public byte[] Line(Action<Utf8JsonWriter> write)
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, StateSerializer.CompactWriterOptions))
            write(writer);
        _buffer.Write("\n"u8);
        var line = _buffer.WrittenSpan.ToArray();
        _buffer.Clear(); // A line may hold sensitive values: they are not left in the buffer for the rest of the run.
        return line;
    }
}
