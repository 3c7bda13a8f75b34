using System.Globalization;

namespace Hearth.Core.Values;

/// <summary>
/// A value in the lab: what expressions evaluate to, what resources hold, what state stores.
/// Two marks ride on values: <see cref="UnknownValue"/> (known only after apply) and
/// <see cref="SensitiveValue"/> (never printed). Equality is structural.
/// </summary>
public abstract record Value
{
    public static readonly Value Null = new NullValue();
    public static readonly Value Unknown = new UnknownValue();
    public static readonly Value True = new BoolValue(true);
    public static readonly Value False = new BoolValue(false);

    public static Value String(string text) => new StringValue(text);

    public static Value Number(decimal number) => new NumberValue(number);

    public static Value Bool(bool flag) => flag ? True : False;

    public static Value List(IEnumerable<Value> items) => new ListValue(new ValueList(items));

    public static Value Map(IEnumerable<KeyValuePair<string, Value>> entries) => new MapValue(new ValueMap(entries));

    /// <summary>The name of this value's type, as errors show it.</summary>
    public abstract string TypeName { get; }

    /// <summary>True when this value or anything inside it is unknown until apply.</summary>
    public abstract bool ContainsUnknown { get; }

    /// <summary>True when this value or anything inside it is sensitive.</summary>
    public abstract bool ContainsSensitive { get; }

    /// <summary>This value without any sensitive marks (for providers and state, never for display).</summary>
    public abstract Value Unmarked();

    public Value MarkSensitive() => this is SensitiveValue ? this : new SensitiveValue(this);

    /// <summary>The value as text for string interpolation; numbers use invariant culture.</summary>
    public virtual string ToText() => throw new InvalidOperationException($"a {TypeName} cannot be used as text");
}

public sealed record NullValue : Value
{
    public override string TypeName => "null";
    public override bool ContainsUnknown => false;
    public override bool ContainsSensitive => false;
    public override Value Unmarked() => this;
    public override string ToText() => "";
}

public sealed record UnknownValue : Value
{
    public override string TypeName => "unknown";
    public override bool ContainsUnknown => true;
    public override bool ContainsSensitive => false;
    public override Value Unmarked() => this;
}

public sealed record StringValue(string Text) : Value
{
    public override string TypeName => "string";
    public override bool ContainsUnknown => false;
    public override bool ContainsSensitive => false;
    public override Value Unmarked() => this;
    public override string ToText() => Text;
}

public sealed record NumberValue(decimal Amount) : Value
{
    public override string TypeName => "number";
    public override bool ContainsUnknown => false;
    public override bool ContainsSensitive => false;
    public override Value Unmarked() => this;
    public override string ToText() => Amount.ToString(CultureInfo.InvariantCulture);
}

public sealed record BoolValue(bool Flag) : Value
{
    public override string TypeName => "bool";
    public override bool ContainsUnknown => false;
    public override bool ContainsSensitive => false;
    public override Value Unmarked() => this;
    public override string ToText() => Flag ? "true" : "false";
}

public sealed record ListValue(ValueList Items) : Value
{
    public override string TypeName => "list";
    public override bool ContainsUnknown => Items.Any(i => i.ContainsUnknown);
    public override bool ContainsSensitive => Items.Any(i => i.ContainsSensitive);
    public override Value Unmarked() => ContainsSensitive ? List(Items.Select(i => i.Unmarked())) : this;
}

public sealed record MapValue(ValueMap Entries) : Value
{
    public override string TypeName => "map";
    public override bool ContainsUnknown => Entries.Any(e => e.Value.ContainsUnknown);
    public override bool ContainsSensitive => Entries.Any(e => e.Value.ContainsSensitive);
    public override Value Unmarked() =>
        ContainsSensitive ? Map(Entries.Select(e => KeyValuePair.Create(e.Key, e.Value.Unmarked()))) : this;

    public Value? Get(string key) => Entries.TryGetValue(key, out var v) ? v : null;
}

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
