namespace Hearth.Secrets.Age;

/// <summary>Bech32 (BIP 173) decoding, the encoding of age recipients (<c>age1…</c>) and identities (<c>AGE-SECRET-KEY-1…</c>).</summary>
internal static class Bech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static readonly uint[] Generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

    /// <summary>Decodes <paramref name="text"/> into its human-readable part and data bytes.</summary>
    /// <exception cref="FormatException">Not valid Bech32, or its checksum fails.</exception>
    public static (string Hrp, byte[] Data) Decode(string text)
    {
        if (text.Any(char.IsUpper) && text.Any(char.IsLower))
            throw new FormatException("mixed-case Bech32 string");
        var lower = text.ToLowerInvariant();
        var separator = lower.LastIndexOf('1');
        if (separator < 1 || separator + 7 > lower.Length)
            throw new FormatException("malformed Bech32 string");
        var hrp = lower[..separator];
        var values = new byte[lower.Length - separator - 1];
        for (var i = 0; i < values.Length; i++)
        {
            var index = Charset.IndexOf(lower[separator + 1 + i], StringComparison.Ordinal);
            if (index < 0)
                throw new FormatException("invalid Bech32 character");
            values[i] = (byte)index;
        }
        if (Polymod([.. ExpandHrp(hrp), .. values]) != 1)
            throw new FormatException("Bech32 checksum mismatch");
        return (hrp, ConvertBits(values.AsSpan(0, values.Length - 6), 5, 8));
    }

    /// <summary>Encodes <paramref name="data"/> with the human-readable part <paramref name="hrp"/> (lower case).</summary>
    public static string Encode(string hrp, ReadOnlySpan<byte> data)
    {
        var values = ConvertBits(data, 8, 5, pad: true);
        var checksumInput = ExpandHrp(hrp).Concat(values).Concat(new byte[6]).ToArray();
        var polymod = Polymod(checksumInput) ^ 1;
        var text = new System.Text.StringBuilder(hrp).Append('1');
        foreach (var value in values)
            text.Append(Charset[value]);
        for (var i = 0; i < 6; i++)
            text.Append(Charset[(int)((polymod >> (5 * (5 - i))) & 31)]);
        return text.ToString();
    }

    private static byte[] ExpandHrp(string hrp) =>
        [.. hrp.Select(c => (byte)(c >> 5)), 0, .. hrp.Select(c => (byte)(c & 31))];

    private static uint Polymod(byte[] values)
    {
        uint checksum = 1;
        foreach (var value in values)
        {
            var top = checksum >> 25;
            checksum = ((checksum & 0x1ffffff) << 5) ^ value;
            for (var i = 0; i < 5; i++)
            {
                if (((top >> i) & 1) != 0)
                    checksum ^= Generator[i];
            }
        }
        return checksum;
    }

    private static byte[] ConvertBits(ReadOnlySpan<byte> data, int from, int to, bool pad = false)
    {
        var accumulator = 0;
        var bits = 0;
        var result = new List<byte>();
        var maxValue = (1 << to) - 1;
        foreach (var value in data)
        {
            accumulator = (accumulator << from) | value;
            bits += from;
            while (bits >= to)
            {
                bits -= to;
                result.Add((byte)((accumulator >> bits) & maxValue));
            }
        }
        if (pad)
        {
            if (bits > 0)
                result.Add((byte)((accumulator << (to - bits)) & maxValue));
        }
        else if (bits >= from || ((accumulator << (to - bits)) & maxValue) != 0)
        {
            throw new FormatException("invalid Bech32 padding");
        }
        return [.. result];
    }
}
