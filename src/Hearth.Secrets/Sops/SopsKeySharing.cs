namespace Hearth.Secrets.Sops;

/// <summary>Splits a data key into one Shamir share per key group, and joins shares back.</summary>
internal static class SopsKeySharing
{
    public static IReadOnlyList<byte[]> Split(byte[] dataKey, int groups, int threshold) =>
        throw new SecretsException(SecretsFailure.InvalidConfig, $"{groups} key groups need Shamir secret sharing, which this build does not have yet",
            "put every key in one group");

    public static byte[] Combine(IReadOnlyList<byte[]> shares, string fileName) =>
        throw new SecretsException(SecretsFailure.NoKey, $"{fileName} uses key groups (Shamir), which this build cannot open yet");
}
