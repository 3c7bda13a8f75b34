namespace Hearth.Core.Values;

public sealed record BoolValue(bool Flag) : Value
{
    public override string TypeName => "bool";
    public override bool ContainsUnknown => false;
    public override bool ContainsSensitive => false;
    public override Value Unmarked() => this;
    public override string ToText() => Flag ? "true" : "false";
}
