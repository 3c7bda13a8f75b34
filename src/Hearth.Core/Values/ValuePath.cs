using System.Collections.Immutable;
using System.Text;

namespace Hearth.Core.Values;

/// <summary>A path into a value: attribute names and list indexes, e.g. <c>input.hosts[0]</c>.</summary>
public sealed record ValuePath(ImmutableArray<object> Steps)
{
    public static readonly ValuePath Root = new(ImmutableArray<object>.Empty);

    public ValuePath Key(string key) => new(Steps.Add(key));

    public ValuePath Index(int index) => new(Steps.Add(index));

    public bool StartsWith(ValuePath prefix) =>
        prefix.Steps.Length <= Steps.Length && prefix.Steps.SequenceEqual(Steps.Take(prefix.Steps.Length));

    public bool Equals(ValuePath? other) => other is not null && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var step in Steps)
            hash.Add(step);
        return hash.ToHashCode();
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var step in Steps)
        {
            if (step is int i)
                text.Append('[').Append(i).Append(']');
            else
                text.Append(text.Length == 0 ? "" : ".").Append((string)step);
        }
        return text.ToString();
    }

    /// <summary>Parses the dotted form used in <c>ignore_changes</c> and state (<c>a.b[0].c</c>).</summary>
    public static ValuePath Parse(string text)
    {
        var steps = ImmutableArray.CreateBuilder<object>();
        foreach (var part in text.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            steps.Add(bracket < 0 ? part : part[..bracket]);
            while (bracket >= 0)
            {
                var close = part.IndexOf(']', bracket);
                if (close < 0 || !int.TryParse(part.AsSpan(bracket + 1, close - bracket - 1), out var index))
                    throw new FormatException($"'{text}' is not a valid attribute path");
                steps.Add(index);
                bracket = part.IndexOf('[', close);
            }
        }
        return new ValuePath(steps.ToImmutable());
    }
}
