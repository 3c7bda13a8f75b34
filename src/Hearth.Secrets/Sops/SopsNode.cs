namespace Hearth.Secrets.Sops;

/// <summary>
/// One node of a SOPS document, in file order (order matters: the MAC runs over the leaves in document order).
/// Scalars hold a string, long, double, bool, byte[] or null.
/// </summary>
public abstract record SopsNode;

public sealed record SopsMap(IReadOnlyList<KeyValuePair<string, SopsNode>> Entries) : SopsNode
{
    public SopsNode? Get(string key) => Entries.FirstOrDefault(e => e.Key == key).Value;
}

public sealed record SopsList(IReadOnlyList<SopsNode> Items) : SopsNode;

public sealed record SopsScalar(object? Value) : SopsNode
{
    public override string ToString() => Value is string or null ? "(string)" : $"({Value.GetType().Name})";
}
