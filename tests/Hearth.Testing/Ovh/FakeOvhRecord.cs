using System.Text.Json.Nodes;

namespace Hearth.Testing.Ovh;

/// <summary>One record as <see cref="FakeOvh"/> stores it (<c>domain.zone.Record</c>): one value each.</summary>
public sealed record FakeOvhRecord(long Id, string Zone, string SubDomain, string FieldType, string Target, int Ttl)
{
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["zone"] = Zone,
        ["subDomain"] = SubDomain,
        ["fieldType"] = FieldType,
        ["target"] = Target,
        ["ttl"] = Ttl,
    };
}
