using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Tests.Robustness;

/// <summary>Plaintext documents and the rules to encrypt them with; printed as a readable tree when a property fails.</summary>
public sealed record RoundTripCase(IReadOnlyList<SopsMap> Documents, SopsEncryptionRules Rules)
{
    public override string ToString() => TreeText.Render(this);
}
