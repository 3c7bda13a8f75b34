namespace Hearth.Secrets.Age;

/// <summary>
/// The binary age file read from a stream in large pieces, de-armored on the way when it is armored. Holds about
/// 1 MiB however large the file is (more only for a header that large).
/// </summary>
internal sealed class AgeInputBuffer
{
    /// <summary>Large reads keep system calls few; a MiB is 16 chunks.</summary>
    private const int ReadSize = 16 * AgePayload.SealedChunkSize;

    /// <summary>A header is a few hundred bytes per recipient; past this it is not a header.</summary>
    public const int MaxHeaderSize = 16 << 20;

    private readonly Stream _stream;
    private byte[] _data = new byte[ReadSize + AgePayload.SealedChunkSize];
    private int _start, _end;

    // Armored input: text read from the stream, decoded into _data.
    private readonly AgeArmorDecoder? _armor;
    private readonly byte[] _text = [];
    private int _textStart, _textEnd;
    private bool _textEnded;

    private AgeInputBuffer(Stream stream, bool armored, ReadOnlySpan<byte> read)
    {
        _stream = stream;
        if (!armored)
        {
            read.CopyTo(_data);
            _end = read.Length;
            return;
        }
        (_armor, _text) = (new AgeArmorDecoder(), new byte[ReadSize]);
        read.CopyTo(_text);
        _textEnd = read.Length;
    }

    /// <summary>The bytes read and not yet consumed.</summary>
    public ReadOnlySpan<byte> Available => _data.AsSpan(_start, _end - _start);

    /// <summary><see cref="Available"/> runs to the end of the file.</summary>
    public bool Ended { get; private set; }

    public void Consume(int count) => _start += count;

    /// <summary>Starts reading <paramref name="stream"/>, looking at its first bytes to tell armor from binary.</summary>
    public static async Task<AgeInputBuffer> OpenAsync(Stream stream, CancellationToken cancellationToken)
    {
        var first = new byte[AgeArmor.MaxWhitespace + AgeArmor.Begin.Length + 1];
        var length = 0;
        bool? armored;
        while ((armored = AgeArmor.IsArmored(first.AsSpan(0, length), final: false)) is null)
        {
            var read = await stream.ReadAsync(first.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                armored = AgeArmor.IsArmored(first.AsSpan(0, length), final: true);
                break;
            }
            length += read;
        }
        return new AgeInputBuffer(stream, armored == true, first.AsSpan(0, length));
    }

    /// <summary>The binary content of a whole file in memory (the file itself when it is not armored).</summary>
    /// <exception cref="SecretsException">Its armor is malformed.</exception>
    public static ReadOnlySpan<byte> Binary(byte[] file)
    {
        if (AgeArmor.IsArmored(file, final: true) != true)
            return file;
        var binary = new byte[file.Length / 4 * 3 + AgeArmorDecoder.MinBinaryRoom];
        new AgeArmorDecoder().Decode(file, binary, final: true, out _, out var written);
        return binary.AsSpan(0, written);
    }

    /// <summary>Reads until <see cref="Available"/> holds <paramref name="count"/> bytes or the file ends.</summary>
    public async ValueTask FillAsync(int count, CancellationToken cancellationToken)
    {
        while (_end - _start < count && !Ended)
        {
            MakeRoom(count);
            if (_armor is null)
            {
                var read = await _stream.ReadAsync(_data.AsMemory(_end), cancellationToken);
                Ended = read == 0;
                _end += read;
            }
            else
            {
                await DecodeAsync(cancellationToken);
            }
        }
    }

    /// <summary>Moves what is left to the front when the free space behind it is small, and grows for a large header.</summary>
    private void MakeRoom(int count)
    {
        var free = _data.Length - _end;
        if (free >= Math.Max(count - (_end - _start), AgePayload.SealedChunkSize))
            return;
        if (count > _data.Length)
            Array.Resize(ref _data, Math.Max(count, 2 * _data.Length));
        _data.AsSpan(_start, _end - _start).CopyTo(_data);
        (_start, _end) = (0, _end - _start);
    }

    private async ValueTask DecodeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            _armor!.Decode(_text.AsSpan(_textStart, _textEnd - _textStart), _data.AsSpan(_end), _textEnded, out var consumed, out var written);
            _textStart += consumed;
            _end += written;
            if (written > 0)
                return;
            if (_textEnded)
            {
                Ended = true;
                return;
            }
            if (consumed > 0)
                continue;
            _text.AsSpan(_textStart, _textEnd - _textStart).CopyTo(_text);
            (_textStart, _textEnd) = (0, _textEnd - _textStart);
            var read = await _stream.ReadAsync(_text.AsMemory(_textEnd), cancellationToken);
            _textEnded = read == 0;
            _textEnd += read;
        }
    }
}
