namespace Hearth.Core.Values;

public sealed record ListValue(ValueList Items) : Value
{
    public override string TypeName => "list";
    public override bool ContainsUnknown => Items.Any(i => i.ContainsUnknown);
    public override bool ContainsSensitive => Items.Any(i => i.ContainsSensitive);
    public override Value Unmarked() => ContainsSensitive ? List(Items.Select(i => i.Unmarked())) : this;
}
