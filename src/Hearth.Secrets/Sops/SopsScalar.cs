namespace Hearth.Secrets.Sops;

public sealed record SopsScalar(object? Value) : SopsNode
{
    public override string ToString() => Value is string or null ? "(string)" : $"({Value.GetType().Name})";
}
