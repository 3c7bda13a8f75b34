namespace Hearth.Secrets.Sops;

/// <summary>
/// The IVs of the values a decryption saw, keyed by key path and plaintext, so re-encrypting an unchanged value
/// at the same place gives the same ciphertext and an edit's diff shows only what changed. Reusing an IV is safe
/// here only because key, path and plaintext are all the same: the ciphertext is identical, nothing leaks.
/// </summary>
public sealed class SopsIvStash
{
    private readonly Dictionary<(string Path, string Plaintext), byte[]> _ivs = [];

    internal void Remember(string path, byte[] plaintext, byte[] iv) => _ivs[(path, Convert.ToBase64String(plaintext))] = iv;

    internal byte[]? Find(string path, byte[] plaintext) => _ivs.GetValueOrDefault((path, Convert.ToBase64String(plaintext)));
}
