using System.Security.Cryptography;
using Hearth.Secrets.Shamir;

namespace Hearth.Secrets.Tests.Shamir;

public sealed class ShamirSecretSharingTests
{
    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(3, 3)]
    [InlineData(5, 3)]
    [InlineData(6, 4)]
    public void Every_subset_of_at_least_threshold_shares_rebuilds_the_secret(int parts, int threshold)
    {
        var secret = RandomNumberGenerator.GetBytes(32);

        var shares = ShamirSecretSharing.Split(secret, parts, threshold);

        foreach (var subset in Subsets(shares).Where(s => s.Count >= threshold))
            Assert.Equal(secret, ShamirSecretSharing.Combine(subset));
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(5, 3)]
    [InlineData(6, 4)]
    public void Fewer_shares_than_the_threshold_do_not_give_the_secret(int parts, int threshold)
    {
        var secret = RandomNumberGenerator.GetBytes(32);

        var shares = ShamirSecretSharing.Split(secret, parts, threshold);

        // Each byte comes out right with probability 1/256, so all 32 of them only by a 2^-256 chance.
        foreach (var subset in Subsets(shares).Where(s => s.Count >= 2 && s.Count < threshold))
            Assert.NotEqual(secret, ShamirSecretSharing.Combine(subset));
    }

    [Fact]
    public void Share_i_is_the_y_bytes_then_one_x_byte_equal_to_i_plus_1()
    {
        var secret = RandomNumberGenerator.GetBytes(32);

        var shares = ShamirSecretSharing.Split(secret, 255, 2);

        Assert.Equal(255, shares.Count);
        for (var i = 0; i < shares.Count; i++)
        {
            Assert.Equal(33, shares[i].Length);
            Assert.Equal(i + 1, shares[i][32]);
        }
    }

    [Fact]
    public void Shares_of_a_hand_computed_polynomial_combine_to_its_constant_term()
    {
        // p(x) = 0x42 + 0x05·x + 0x03·x² over GF(2^8)/0x11B:
        // p(1) = 42⊕05⊕03 = 0x44; p(2) = 42⊕(05·2=0A)⊕(03·4=0C) = 0x44; p(3) = 42⊕(05·3=0F)⊕(03·5=0F) = 0x42.
        byte[][] shares = [[0x44, 1], [0x44, 2], [0x42, 3]];
        // q(x) = 0x42 + 0x05·x: q(1) = 0x47, q(2) = 0x48.
        byte[][] line = [[0x47, 1], [0x48, 2]];

        Assert.Equal([0x42], ShamirSecretSharing.Combine(shares));
        Assert.Equal([0x42], ShamirSecretSharing.Combine([shares[2], shares[0], shares[1]]));
        Assert.Equal([0x42], ShamirSecretSharing.Combine(line));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(2, 3)]
    [InlineData(256, 3)]
    public void An_impossible_threshold_is_a_configuration_error(int parts, int threshold)
    {
        var error = Assert.Throws<SecretsException>(() => ShamirSecretSharing.Split(new byte[32], parts, threshold));

        Assert.Equal(SecretsFailure.InvalidConfig, error.Failure);
        Assert.Contains("shamir_threshold", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_secret_cannot_be_split()
    {
        Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Split([], 3, 2));
    }

    [Fact]
    public void Shares_that_cannot_belong_together_are_an_invalid_file()
    {
        var shares = ShamirSecretSharing.Split(RandomNumberGenerator.GetBytes(32), 3, 2);

        Assert.Equal(SecretsFailure.InvalidFile, Assert.Throws<SecretsException>(() => ShamirSecretSharing.Combine([shares[0]])).Failure);
        Assert.Equal(SecretsFailure.InvalidFile, Assert.Throws<SecretsException>(() => ShamirSecretSharing.Combine([shares[0], shares[1][1..]])).Failure);
        Assert.Equal(SecretsFailure.InvalidFile, Assert.Throws<SecretsException>(() => ShamirSecretSharing.Combine([[1], [2]])).Failure);
        var duplicate = Assert.Throws<SecretsException>(() => ShamirSecretSharing.Combine([shares[0], shares[1], shares[0]]));
        Assert.Equal(SecretsFailure.InvalidFile, duplicate.Failure);
        Assert.Contains("same x", duplicate.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<IReadOnlyList<byte[]>> Subsets(IReadOnlyList<byte[]> shares)
    {
        for (var mask = 1; mask < 1 << shares.Count; mask++)
            yield return shares.Where((_, i) => (mask & (1 << i)) != 0).ToList();
    }
}
