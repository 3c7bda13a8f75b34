namespace Hearth.Core.Values;

/// <summary>A value that must never be printed; it behaves as <see cref="Inner"/> everywhere else.</summary>
public sealed record SensitiveValue(Value Inner) : Value
{
    public override string TypeName => Inner.TypeName;
    public override bool ContainsUnknown => Inner.ContainsUnknown;
    public override bool ContainsSensitive => true;
    public override Value Unmarked() => Inner.Unmarked();
    public override string ToText() => Inner.ToText();
    public override string ToString() => "(sensitive value)";
}
