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
