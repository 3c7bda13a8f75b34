using System.Security.Cryptography;

namespace Hearth.Secrets.Shamir;

/// <summary>
/// Shamir's secret sharing as sops does it for key groups (HashiCorp Vault's scheme over GF(2^8), 0x11B): every secret
/// byte gets its own random polynomial of degree threshold−1 whose constant term is that byte. A share is the
/// polynomial values followed by ONE x byte; share i has x = i+1 (sops; Vault itself picks random distinct x).
/// </summary>
public static class ShamirSecretSharing
{
    /// <summary>The most shares GF(2^8) allows: x runs over 1…255, as x = 0 would be the secret itself.</summary>
    public const int MaxParts = 255;

    /// <summary>Splits <paramref name="secret"/> into <paramref name="parts"/> shares, any <paramref name="threshold"/> of which rebuild it.</summary>
    /// <returns>Shares of <c>secret.Length + 1</c> bytes: the y bytes, then x = i+1 for share i.</returns>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is empty.</exception>
    /// <exception cref="SecretsException">
    /// <see cref="SecretsFailure.InvalidConfig"/>: not 2 ≤ threshold ≤ parts ≤ 255 (these come from key_groups and shamir_threshold).
    /// </exception>
    public static IReadOnlyList<byte[]> Split(ReadOnlySpan<byte> secret, int parts, int threshold)
    {
        if (secret.IsEmpty)
            throw new ArgumentException("cannot split an empty secret", nameof(secret));
        if (threshold < 2 || threshold > parts || parts > MaxParts)
            throw new SecretsException(SecretsFailure.InvalidConfig,
                $"a Shamir threshold of {threshold} with {parts} key groups is not possible: it needs 2 ≤ threshold ≤ groups ≤ {MaxParts}",
                "set shamir_threshold between 2 and the number of key groups in .sops.yaml");

        var shares = new byte[parts][];
        for (var i = 0; i < parts; i++)
        {
            shares[i] = new byte[secret.Length + 1];
            shares[i][secret.Length] = (byte)(i + 1);
        }
        Span<byte> coefficients = stackalloc byte[threshold];
        try
        {
            for (var index = 0; index < secret.Length; index++)
            {
                coefficients[0] = secret[index];
                RandomNumberGenerator.Fill(coefficients[1..]);
                for (var i = 0; i < parts; i++)
                    shares[i][index] = Evaluate(coefficients, (byte)(i + 1));
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(coefficients);
        }
        return shares;
    }

    /// <summary>Rebuilds the secret from shares made by <see cref="Split"/>, interpolating at x = 0 with every share given.</summary>
    /// <remarks>Fewer shares than the threshold give a wrong secret, not an error: callers count shares against the threshold.</remarks>
    /// <exception cref="SecretsException">
    /// <see cref="SecretsFailure.InvalidFile"/>: fewer than two shares, shares of different or too short length, or two with the same x.
    /// </exception>
    public static byte[] Combine(IReadOnlyList<byte[]> shares)
    {
        if (shares.Count < 2)
            throw new SecretsException(SecretsFailure.InvalidFile, $"{shares.Count} Shamir share(s) cannot rebuild the data key: at least two are needed");
        var length = shares[0].Length;
        if (length < 2)
            throw new SecretsException(SecretsFailure.InvalidFile, "a Shamir share is too short: it needs at least one data byte and its x byte");
        if (shares.Any(s => s.Length != length))
            throw new SecretsException(SecretsFailure.InvalidFile, "the Shamir shares have different lengths, so they are not parts of one data key");

        var x = new byte[shares.Count];
        var seen = new bool[256];
        for (var i = 0; i < shares.Count; i++)
        {
            x[i] = shares[i][length - 1];
            if (seen[x[i]])
                throw new SecretsException(SecretsFailure.InvalidFile, $"two Shamir shares have the same x coordinate ({x[i]}): a key group's share appears twice");
            seen[x[i]] = true;
        }

        // The x coordinates are shared by every byte, so each share's Lagrange weight at x = 0 is computed once.
        var weights = new byte[shares.Count];
        for (var i = 0; i < shares.Count; i++)
            weights[i] = LagrangeBasisAtZero(x, i);
        var secret = new byte[length - 1];
        for (var index = 0; index < secret.Length; index++)
        {
            byte value = 0;
            for (var i = 0; i < shares.Count; i++)
                value = GaloisField256.Add(value, GaloisField256.Multiply(shares[i][index], weights[i]));
            secret[index] = value;
        }
        return secret;
    }

    /// <summary>Horner's rule; coefficients[0] is the constant term.</summary>
    private static byte Evaluate(ReadOnlySpan<byte> coefficients, byte x)
    {
        var result = coefficients[^1];
        for (var i = coefficients.Length - 2; i >= 0; i--)
            result = GaloisField256.Add(GaloisField256.Multiply(result, x), coefficients[i]);
        return result;
    }

    /// <summary>L_i(0) = Π_{j≠i} (0 − x_j) / (x_i − x_j); subtraction is XOR, so 0 − x_j is x_j.</summary>
    private static byte LagrangeBasisAtZero(byte[] x, int i)
    {
        byte basis = 1;
        for (var j = 0; j < x.Length; j++)
        {
            if (j != i)
                basis = GaloisField256.Multiply(basis, GaloisField256.Divide(x[j], GaloisField256.Add(x[i], x[j])));
        }
        return basis;
    }
}
