namespace Hearth.Core.Values;

public sealed record StringValue(string Text) : Value
{
    public override string TypeName => "string";
    public override bool ContainsUnknown => false;
    public override bool ContainsSensitive => false;
    public override Value Unmarked() => this;
    public override string ToText() => Text;
}
