using System.Globalization;

namespace Hearth.Core.Values;

public sealed record NumberValue(decimal Amount) : Value
{
    public override string TypeName => "number";
    public override bool ContainsUnknown => false;
    public override bool ContainsSensitive => false;
    public override Value Unmarked() => this;
    public override string ToText() => Amount.ToString(CultureInfo.InvariantCulture);
}
