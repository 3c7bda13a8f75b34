namespace Hearth.Secrets.Sops;

public sealed record SopsScalar(object? Value) : SopsNode
{
    /// <summary>The value as plain text: strings as they are, numbers and booleans as YAML and JSON write them.</summary>
    public string ToText() => Value switch
    {
        null => "",
        string text => text,
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var other => other.ToString() ?? "",
    };

    public override string ToString() => Value is string or null ? "(string)" : $"({Value.GetType().Name})";
}
