using Hearth.Secrets.Shamir;

namespace Hearth.Secrets.Sops;

/// <summary>Splits a data key into one Shamir share per key group, and joins shares back.</summary>
internal static class SopsKeySharing
{
    public static IReadOnlyList<byte[]> Split(byte[] dataKey, int groups, int threshold) =>
        ShamirSecretSharing.Split(dataKey, groups, threshold);

    public static byte[] Combine(IReadOnlyList<byte[]> shares, string fileName)
    {
        byte[] key;
        try
        {
            key = ShamirSecretSharing.Combine(shares);
        }
        catch (SecretsException e)
        {
            throw new SecretsException(e.Failure, $"{fileName}: {e.Message}", e.Hint, e.InnerException);
        }
        return key.Length == SopsDataKey.Size ? key
            : throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}: its key group shares do not combine into a {SopsDataKey.Size}-byte data key");
    }
}
