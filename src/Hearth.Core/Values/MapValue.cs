namespace Hearth.Core.Values;

public sealed record MapValue(ValueMap Entries) : Value
{
    public override string TypeName => "map";
    public override bool ContainsUnknown => Entries.Any(e => e.Value.ContainsUnknown);
    public override bool ContainsSensitive => Entries.Any(e => e.Value.ContainsSensitive);
    public override Value Unmarked() =>
        ContainsSensitive ? Map(Entries.Select(e => KeyValuePair.Create(e.Key, e.Value.Unmarked()))) : this;

    public Value? Get(string key) => Entries.TryGetValue(key, out var v) ? v : null;
}
