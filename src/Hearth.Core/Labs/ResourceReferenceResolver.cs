using System.Collections.Immutable;
using Hearth.Core.Addressing;
using Hearth.Core.Expressions;

namespace Hearth.Core.Labs;

/// <summary>
/// Splits a reference into the resource it names and the steps inside it. Names may contain dots
/// (<c>dns_record.qt_rs.k8s_A.value</c>), so the longest prefix that names a declared resource wins.
/// </summary>
public sealed class ResourceReferenceResolver
{
    private readonly Dictionary<(string Kind, string Name), ResourceAddress> _addresses;
    private readonly int _longestName;

    public ResourceReferenceResolver(IEnumerable<ResourceAddress> addresses)
    {
        _addresses = addresses.ToDictionary(a => (a.Kind, a.Name));
        _longestName = _addresses.Count == 0 ? 1 : _addresses.Values.Max(a => a.Name.Count(c => c == '.') + 1);
    }

    /// <summary>The resource named by the leading steps, and the steps after it; null when no declared resource matches.</summary>
    public (ResourceAddress Address, ImmutableArray<TraversalStep> Remaining)? Resolve(ImmutableArray<TraversalStep> steps)
    {
        if (steps.Length < 2 || steps[0] is not AttributeStep kind)
            return null;
        for (var parts = Math.Min(_longestName, steps.Length - 1); parts >= 1; parts--)
        {
            var name = NameOf(steps, parts);
            if (name is not null && _addresses.TryGetValue((kind.Name, name), out var address))
                return (address, steps[(parts + 1)..]);
        }
        return null;
    }

    /// <summary>The dotted name made of the <paramref name="parts"/> attribute steps after the kind, or null when one is an index.</summary>
    private static string? NameOf(ImmutableArray<TraversalStep> steps, int parts)
    {
        if (parts == 1)
            return (steps[1] as AttributeStep)?.Name;
        var names = new string[parts];
        for (var i = 0; i < parts; i++)
        {
            if (steps[i + 1] is not AttributeStep step)
                return null;
            names[i] = step.Name;
        }
        return string.Join('.', names);
    }

    public IEnumerable<ResourceAddress> Addresses => _addresses.Values;
}
