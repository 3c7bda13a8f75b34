using System.Buffers.Text;

namespace Hearth.Secrets.Age;

/// <summary>Armors a binary age file piece by piece, carrying a partial line from one piece to the next.</summary>
internal sealed class AgeArmorEncoder
{
    private const int LineBytes = 48;
    private const int LineColumns = 64;

    private readonly byte[] _carry = new byte[LineBytes];
    private int _carryLength;
    private bool _begun;

    /// <summary>Text that armoring <paramref name="binaryLength"/> more bytes (and finishing) can produce at most.</summary>
    public static int MaxTextLength(int binaryLength) =>
        AgeArmor.Begin.Length + 1 + (binaryLength / LineBytes + 2) * (LineColumns + 1) + AgeArmor.End.Length + 1;

    /// <summary>Armors <paramref name="binary"/> into <paramref name="text"/> (sized by <see cref="MaxTextLength"/>); <paramref name="final"/> ends the armor.</summary>
    public int Encode(ReadOnlySpan<byte> binary, Span<byte> text, bool final)
    {
        var written = 0;
        if (!_begun)
        {
            written += Line(AgeArmor.Begin, text);
            _begun = true;
        }
        if (_carryLength > 0)
        {
            var take = Math.Min(LineBytes - _carryLength, binary.Length);
            binary[..take].CopyTo(_carry.AsSpan(_carryLength));
            _carryLength += take;
            binary = binary[take..];
            if (_carryLength == LineBytes)
            {
                written += EncodeLine(_carry, text[written..]);
                _carryLength = 0;
            }
        }
        for (; binary.Length >= LineBytes; binary = binary[LineBytes..])
            written += EncodeLine(binary[..LineBytes], text[written..]);
        binary.CopyTo(_carry.AsSpan(_carryLength));
        _carryLength += binary.Length;
        if (!final)
            return written;
        if (_carryLength > 0)
            written += EncodeLine(_carry.AsSpan(0, _carryLength), text[written..]);
        _carryLength = 0;
        return written + Line(AgeArmor.End, text[written..]);
    }

    private static int EncodeLine(ReadOnlySpan<byte> bytes, Span<byte> text)
    {
        Base64.EncodeToUtf8(bytes, text, out _, out var length);
        text[length] = (byte)'\n';
        return length + 1;
    }

    private static int Line(ReadOnlySpan<byte> line, Span<byte> text)
    {
        line.CopyTo(text);
        text[line.Length] = (byte)'\n';
        return line.Length + 1;
    }
}
