namespace Hearth.Secrets.Pgp;

/// <summary>
/// A PGP key as sops names it: a v4 fingerprint (40 hex digits), a v5/v6 one (64) or a long key id (16), spaces removed
/// and upper-cased; a trailing <c>!</c> (gpg's "exactly this subkey") is kept, as sops supports it.
/// </summary>
internal readonly record struct PgpFingerprint
{
    /// <exception cref="SecretsException"><see cref="SecretsFailure.InvalidConfig"/>: not 16, 40 or 64 hex digits.</exception>
    public PgpFingerprint(string text)
    {
        var compact = text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var exact = compact.EndsWith('!');
        var digits = exact ? compact[..^1] : compact;
        if (digits.Length is not (16 or 40 or 64) || !digits.All(char.IsAsciiHexDigit))
            throw new SecretsException(SecretsFailure.InvalidConfig,
                $"`{text}` is not a PGP fingerprint: expected 40 hex digits (or 64, or a 16-digit long key id)",
                "list your keys with `gpg --list-secret-keys --with-colons` and use the fpr line");
        Value = compact;
        KeyId = exact ? digits[^16..] + "!" : digits[^16..];
    }

    /// <summary>The normalised form, as passed to gpg's -r.</summary>
    public string Value { get; }

    /// <summary>The last 16 hex digits (with the <c>!</c>, if any) that sops passes to --trusted-key, which older gpg wants short.</summary>
    public string KeyId { get; }

    public override string ToString() => Value;
}
