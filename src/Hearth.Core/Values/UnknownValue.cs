namespace Hearth.Core.Values;

public sealed record UnknownValue : Value
{
    public override string TypeName => "unknown";
    public override bool ContainsUnknown => true;
    public override bool ContainsSensitive => false;
    public override Value Unmarked() => this;
}
