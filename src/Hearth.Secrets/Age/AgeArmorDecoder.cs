using System.Buffers;
using System.Buffers.Text;

namespace Hearth.Secrets.Age;

/// <summary>
/// Reads armor piece by piece, as strictly as age: the BEGIN line after at most 1 KiB of blank space, full
/// 64-column lines of padded base64, one shorter line, the END line, then at most 1 KiB of blank space.
/// </summary>
internal sealed class AgeArmorDecoder
{
    private const int LineBytes = 48;
    private const int LineColumns = 64;

    /// <summary>No line of armor is this long (the BEGIN line and blank lines included); longer means it is not armor.</summary>
    private const int MaxLine = AgeArmor.MaxWhitespace + 64;

    private static readonly SearchValues<byte> Base64Text = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="u8);

    private enum Stage { Leading, Body, Closing, Trailing }

    private Stage _stage;
    private int _whitespace;

    /// <summary>Binary room <see cref="Decode"/> needs to make progress: one line's worth.</summary>
    public const int MinBinaryRoom = LineBytes;

    /// <summary>
    /// Decodes the complete lines at the start of <paramref name="text"/> (all of it when <paramref name="final"/>) into
    /// <paramref name="binary"/> while it has room for a line.
    /// </summary>
    /// <exception cref="SecretsException">The armor is malformed or truncated.</exception>
    public void Decode(ReadOnlySpan<byte> text, Span<byte> binary, bool final, out int consumed, out int written)
    {
        (consumed, written) = (0, 0);
        while (binary.Length - written >= LineBytes)
        {
            var rest = text[consumed..];
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0 && !(final && rest.Length > 0))
            {
                if (rest.Length > MaxLine)
                    throw AgeFormat.Invalid("its armor has a line that is far too long");
                if (final && _stage != Stage.Trailing)
                    throw AgeFormat.Invalid("its armor ends before its END line (it is truncated)");
                return;
            }
            var length = newline < 0 ? rest.Length : newline + 1;
            var line = rest[..(newline < 0 ? rest.Length : newline)];
            if (line.EndsWith("\r"u8))
                line = line[..^1];
            consumed += length;
            written += Line(line, length, binary[written..]);
        }
    }

    private int Line(ReadOnlySpan<byte> line, int length, Span<byte> binary)
    {
        switch (_stage)
        {
            case Stage.Leading when line.IndexOfAnyExcept(AgeArmor.Whitespace) < 0:
                _whitespace += length;
                if (_whitespace > AgeArmor.MaxWhitespace)
                    throw AgeFormat.Invalid("its armor starts with too much blank space");
                return 0;
            case Stage.Leading:
                if (!line.SequenceEqual(AgeArmor.Begin))
                    throw AgeFormat.Invalid("its armor does not start with -----BEGIN AGE ENCRYPTED FILE-----");
                _stage = Stage.Body;
                return 0;
            case Stage.Body when line.SequenceEqual(AgeArmor.End):
            case Stage.Closing when line.SequenceEqual(AgeArmor.End):
                (_stage, _whitespace) = (Stage.Trailing, 0);
                return 0;
            case Stage.Body:
                var decoded = DecodeLine(line, binary);
                if (decoded < LineBytes)
                    _stage = Stage.Closing;
                return decoded;
            case Stage.Closing:
                throw AgeFormat.Invalid("its armor has a short line that is not followed by the END line");
            default:
                _whitespace += length;
                if (line.IndexOfAnyExcept(AgeArmor.Whitespace) >= 0)
                    throw AgeFormat.Invalid("it has data after the END line of its armor");
                if (_whitespace >= AgeArmor.MaxWhitespace)
                    throw AgeFormat.Invalid("its armor ends with too much blank space");
                return 0;
        }
    }

    /// <summary>Strict padded base64: no whitespace, and the unused bits of a padded end zero, so each line has one spelling.</summary>
    private static int DecodeLine(ReadOnlySpan<byte> line, Span<byte> binary)
    {
        if (line.Length > LineColumns)
            throw AgeFormat.Invalid("its armor has a line longer than 64 columns");
        if (line.IndexOfAnyExcept(Base64Text) >= 0 || line.Length % 4 != 0
            || Base64.DecodeFromUtf8(line, binary, out var read, out var written) != OperationStatus.Done || read != line.Length)
            throw AgeFormat.Invalid("its armor holds invalid base64");
        if (line.EndsWith("="u8))
        {
            Span<byte> canonical = stackalloc byte[4];
            Base64.EncodeToUtf8(binary[(written - written % 3)..written], canonical, out _, out _);
            if (!canonical.SequenceEqual(line[^4..]))
                throw AgeFormat.Invalid("its armor holds non-canonical base64");
        }
        return written;
    }
}
