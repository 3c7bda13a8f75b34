using Hearth.Secrets.Shamir;

namespace Hearth.Secrets.Tests.Shamir;

public sealed class GaloisField256Tests
{
    [Theory]
    [InlineData(0x53, 0xCA, 0x01)] // inverses in the AES field (FIPS-197 §4.2)
    [InlineData(0x57, 0x83, 0xC1)] // FIPS-197 §4.2 worked example
    [InlineData(0x57, 0x13, 0xFE)] // FIPS-197 §4.2.1 worked example
    [InlineData(0x03, 0x07, 0x09)] // Vault's shamir tests
    [InlineData(0x80, 0x02, 0x1B)] // x^7·x = x^8 ≡ x^4+x^3+x+1: the reduction by 0x11B
    [InlineData(0x00, 0x9A, 0x00)]
    [InlineData(0xFF, 0x01, 0xFF)]
    public void Multiplication_reduces_by_the_AES_polynomial(int a, int b, int product)
    {
        Assert.Equal((byte)product, GaloisField256.Multiply((byte)a, (byte)b));
        Assert.Equal((byte)product, GaloisField256.Multiply((byte)b, (byte)a));
    }

    [Fact]
    public void Every_nonzero_element_has_an_inverse_and_division_undoes_multiplication()
    {
        Assert.Equal(0xCA, GaloisField256.Inverse(0x53));
        Assert.Equal(2, GaloisField256.Divide(6, 3));
        for (var a = 0; a < 256; a++)
        {
            if (a != 0)
                Assert.Equal(1, GaloisField256.Multiply((byte)a, GaloisField256.Inverse((byte)a)));
            for (var b = 1; b < 256; b++)
                Assert.Equal((byte)a, GaloisField256.Divide(GaloisField256.Multiply((byte)a, (byte)b), (byte)b));
        }
    }
}
