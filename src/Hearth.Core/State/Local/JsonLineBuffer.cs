using System.Buffers;
using System.Text.Json;

namespace Hearth.Core.State.Local;

/// <summary>
/// Builds JSON lines in one reused buffer: a run writes two journal lines per resource, and a fresh JSON writer and
/// buffer for each would cost several KiB of garbage per line. Not thread-safe: its owner serialises the calls.
/// </summary>
public sealed class JsonLineBuffer
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    /// <summary>The JSON <paramref name="write"/> produces, followed by a newline.</summary>
    public byte[] Line(Action<Utf8JsonWriter> write)
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, StateSerializer.CompactWriterOptions))
            write(writer);
        _buffer.Write("\n"u8);
        return _buffer.WrittenSpan.ToArray();
    }
}
