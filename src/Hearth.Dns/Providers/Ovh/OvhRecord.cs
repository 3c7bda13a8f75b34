namespace Hearth.Dns.Providers.Ovh;

/// <summary>
/// One record (<c>domain.zone.Record</c>) as the API sends it and takes it: one value each. Null fields are left out
/// of requests, so the same type serves for a create and a partial PUT.
/// </summary>
internal sealed class OvhRecord
{
    public long? Id { get; set; }

    public string? Zone { get; set; }

    /// <summary>The name relative to the zone; "" at the apex.</summary>
    public string? SubDomain { get; set; }

    public string? FieldType { get; set; }

    /// <summary>The value in zone-file form (MX as "10 mail.example.com."); TXT comes back in double quotes.</summary>
    public string? Target { get; set; }

    /// <summary>Seconds; 0 means the zone's default.</summary>
    public int? Ttl { get; set; }
}
