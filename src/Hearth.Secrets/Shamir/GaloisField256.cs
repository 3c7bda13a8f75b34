namespace Hearth.Secrets.Shamir;

/// <summary>
/// Arithmetic in GF(2^8) modulo the AES polynomial x^8+x^4+x^3+x+1 (0x11B), the field sops's Shamir code uses.
/// Multiplication is branch-free and table-free so its timing does not depend on the (secret) operands.
/// </summary>
internal static class GaloisField256
{
    /// <summary>Addition and subtraction are both XOR.</summary>
    public static byte Add(byte a, byte b) => (byte)(a ^ b);

    /// <summary>Shift-and-add over the bits of <paramref name="b"/>, reducing by 0x1B whenever x^8 appears; masks replace branches.</summary>
    public static byte Multiply(byte a, byte b)
    {
        var accumulator = 0;
        for (var bit = 7; bit >= 0; bit--)
        {
            var addA = -((b >> bit) & 1) & a;
            var reduce = -(accumulator >> 7) & 0x1B;
            accumulator = (((accumulator << 1) & 0xFF) ^ reduce) ^ addA;
        }
        return (byte)accumulator;
    }

    /// <summary>a^254, which is a^-1 in the 255-element multiplicative group (and 0 for 0), by a fixed chain of multiplications.</summary>
    public static byte Inverse(byte a)
    {
        var b = Multiply(a, a);     // a^2
        var c = Multiply(a, b);     // a^3
        b = Multiply(c, c);         // a^6
        b = Multiply(b, b);         // a^12
        c = Multiply(b, c);         // a^15
        b = Multiply(b, b);         // a^24
        b = Multiply(b, b);         // a^48
        b = Multiply(b, c);         // a^63
        b = Multiply(b, b);         // a^126
        b = Multiply(a, b);         // a^127
        return Multiply(b, b);      // a^254
    }

    /// <exception cref="DivideByZeroException"><paramref name="b"/> is zero (callers guarantee distinct x coordinates).</exception>
    public static byte Divide(byte a, byte b) =>
        b == 0 ? throw new DivideByZeroException("division by zero in GF(2^8)") : Multiply(a, Inverse(b));
}
