namespace Hearth.Secrets.Age;

/// <summary>Writes a binary age file to a stream as it is produced, armoring it on the way when asked.</summary>
internal sealed class AgeOutputWriter(Stream stream, bool armor)
{
    private readonly AgeArmorEncoder? _armor = armor ? new AgeArmorEncoder() : null;
    private byte[] _text = [];

    /// <summary>Writes <paramref name="binary"/>; <paramref name="final"/> ends the file (the armor's END line).</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> binary, bool final, CancellationToken cancellationToken)
    {
        if (_armor is null)
        {
            await stream.WriteAsync(binary, cancellationToken);
            return;
        }
        var needed = AgeArmorEncoder.MaxTextLength(binary.Length);
        if (_text.Length < needed)
            _text = new byte[needed];
        var length = _armor.Encode(binary.Span, _text, final);
        await stream.WriteAsync(_text.AsMemory(0, length), cancellationToken);
    }
}
