using Org.BouncyCastle.Crypto.Generators;

namespace Hearth.Secrets.Age;

/// <summary>
/// age's passphrase stanza, <c>-&gt; scrypt SALT LOG2N</c>: scrypt(passphrase, label ‖ salt, N = 2^LOG2N, r = 8,
/// p = 1) is the key that wraps the file key.
/// </summary>
internal static class AgeScrypt
{
    public const string StanzaType = "scrypt";
    public const int SaltSize = 16;

    /// <summary>age's default: about a second on a current machine.</summary>
    public const int DefaultWorkFactor = 18;

    /// <summary>age's default limit when decrypting: 2^22 is about 15 seconds and 4 GiB of memory.</summary>
    public const int DefaultMaxWorkFactor = 22;

    /// <summary>The range age accepts for a work factor at all.</summary>
    public const int MinWorkFactor = 1, MaxWorkFactor = 30;

    private static readonly byte[] Label = "age-encryption.org/v1/scrypt"u8.ToArray();

    public static byte[] WrapKey(byte[] passphrase, ReadOnlySpan<byte> salt, int workFactor) =>
        SCrypt.Generate(passphrase, [.. Label, .. salt], 1 << workFactor, 8, 1, 32);

    public static byte[] Encode(string passphrase, string parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase, parameter);
        return System.Text.Encoding.UTF8.GetBytes(passphrase);
    }

    public static void CheckWorkFactor(int workFactor, string parameter)
    {
        if (workFactor is < MinWorkFactor or > MaxWorkFactor)
            throw new ArgumentOutOfRangeException(parameter, workFactor, $"an scrypt work factor is between {MinWorkFactor} and {MaxWorkFactor} (log2 of N)");
    }
}
