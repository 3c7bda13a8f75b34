namespace Hearth.Secrets.Config;

/// <summary>
/// Recipients given outside <c>.sops.yaml</c>: each <c>--age</c>/<c>--pgp</c> value (comma-separated lists
/// allowed) and the <c>SOPS_AGE_RECIPIENTS</c>/<c>SOPS_PGP_FP</c> variables, read by the caller so the library
/// never looks at the process environment. A flag wins over its variable, as in sops.
/// </summary>
public sealed record SopsRecipientOptions(
    IReadOnlyList<string> AgeArguments,
    IReadOnlyList<string> PgpArguments,
    string? AgeRecipientsVariable = null,
    string? PgpFingerprintsVariable = null)
{
    public static readonly SopsRecipientOptions None = new([], []);
}
