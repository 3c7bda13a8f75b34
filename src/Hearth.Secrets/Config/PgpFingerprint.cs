namespace Hearth.Secrets.Config;

internal static class PgpFingerprint
{
    /// <summary>sops strips spaces from fingerprints (they are often pasted in groups of four); upper case is how files record them.</summary>
    public static string Normalize(string fingerprint) =>
        string.Concat(fingerprint.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
}
