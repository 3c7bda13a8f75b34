using System.Text;

namespace Hearth.Core.Addressing;

/// <summary>
/// Names one resource (<c>kind.name</c>) or one instance of a for_each resource (<c>kind.name["key"]</c>).
/// Module-generated names may contain dots (<c>dns_record.qt_rs.k8s_A</c>): the kind is the part before the first dot.
/// </summary>
public sealed record ResourceAddress : IComparable<ResourceAddress>
{
    public ResourceAddress(string kind, string name, string? key = null)
    {
        if (!IsName(kind) || kind.Contains('.', StringComparison.Ordinal))
            throw new FormatException($"'{kind}' is not a valid resource kind");
        if (name.Length == 0 || name.Split('.').Any(part => !IsName(part)))
            throw new FormatException($"'{name}' is not a valid resource name");
        Kind = kind;
        Name = name;
        Key = key;
        _text = Format(kind, name, key);
        _hash = _text.GetHashCode(StringComparison.Ordinal);
    }

    // Addresses are compared and printed constantly (state is sorted by them); format once.
    private readonly string _text;
    private readonly int _hash;

    public string Kind { get; }

    public string Name { get; }

    /// <summary>The for_each key of an instance; null for a resource without for_each (or the resource as a whole).</summary>
    public string? Key { get; }

    /// <summary>The resource this instance belongs to (the address without its key).</summary>
    public ResourceAddress Resource => Key is null ? this : new ResourceAddress(Kind, Name);

    public ResourceAddress WithKey(string? key) => new(Kind, Name, key);

    public override string ToString() => _text;

    private static string Format(string kind, string name, string? key)
    {
        var text = new StringBuilder(kind).Append('.').Append(name);
        if (key is not null)
            text.Append("[\"").Append(key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"]");
        return text.ToString();
    }

    public int CompareTo(ResourceAddress? other) => string.CompareOrdinal(_text, other?._text);

    /// <summary>Parses <c>kind.name</c> or <c>kind.name["key"]</c> (also <c>kind.name[key]</c> as shells tend to leave it).</summary>
    public static ResourceAddress Parse(string text)
    {
        if (TryParse(text, out var address))
            return address;
        throw new FormatException($"'{text}' is not a resource address; write kind.name or kind.name[\"key\"]");
    }

    /// <summary>Undoes <see cref="Format"/>'s escaping (also used for quoted keys in expressions) in one pass, so <c>\\\"</c> is a backslash then a quote.</summary>
    internal static string Unescape(string quoted)
    {
        var text = new StringBuilder(quoted.Length);
        for (var i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] == '\\' && i + 1 < quoted.Length && quoted[i + 1] is '\\' or '"')
                i++;
            text.Append(quoted[i]);
        }
        return text.ToString();
    }

    public static bool TryParse(string text, out ResourceAddress address)
    {
        address = null!;
        string? key = null;
        var body = text;
        var bracket = text.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            if (!text.EndsWith(']'))
                return false;
            key = text[(bracket + 1)..^1];
            if (key.Length >= 2 && key[0] == '"' && key[^1] == '"')
                key = Unescape(key[1..^1]);
            body = text[..bracket];
        }
        var dot = body.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == body.Length - 1)
            return false;
        var kind = body[..dot];
        var name = body[(dot + 1)..];
        if (!IsName(kind) || name.Split('.').Any(part => !IsName(part)))
            return false;
        address = new ResourceAddress(kind, name, key);
        return true;
    }

    private static bool IsName(string text) =>
        text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_') &&
        text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    public bool Equals(ResourceAddress? other) => other is not null && _hash == other._hash && _text == other._text;

    public override int GetHashCode() => _hash;
}
