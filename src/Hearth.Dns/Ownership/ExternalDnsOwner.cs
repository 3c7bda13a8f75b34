namespace Hearth.Dns.Ownership;

/// <summary>Who, by ExternalDNS's TXT registry, owns a record set, and the registry record that says so.</summary>
/// <param name="Owner">The <c>external-dns/owner</c> label; null when the registry entry is encrypted and cannot be read.</param>
internal sealed record ExternalDnsOwner(string? Owner, string RegistryName)
{
    /// <summary>As plans say it: <c>owned by external-dns/owner=k8s (TXT a-www.qt.rs.)</c>.</summary>
    public override string ToString() =>
        $"owned by {(Owner is null ? "an ExternalDNS instance (its registry entry is encrypted)" : $"external-dns/owner={Owner}")} (TXT {RegistryName})";
}
