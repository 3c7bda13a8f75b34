namespace Hearth.Core.Values;

public sealed record NullValue : Value
{
    public override string TypeName => "null";
    public override bool ContainsUnknown => false;
    public override bool ContainsSensitive => false;
    public override Value Unmarked() => this;
    public override string ToText() => "";
}
