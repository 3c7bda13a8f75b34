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
    private readonly HashSet<ResourceAddress> _addresses;
    private readonly int _longestName;

    public ResourceReferenceResolver(IEnumerable<ResourceAddress> addresses)
    {
        _addresses = [.. addresses];
        _longestName = _addresses.Count == 0 ? 1 : _addresses.Max(a => a.Name.Count(c => c == '.') + 1);
    }

    /// <summary>The resource named by the leading steps, and the steps after it; null when no declared resource matches.</summary>
    public (ResourceAddress Address, ImmutableArray<TraversalStep> Remaining)? Resolve(ImmutableArray<TraversalStep> steps)
    {
        if (steps.Length < 2 || steps[0] is not AttributeStep kind)
            return null;
        for (var parts = Math.Min(_longestName, steps.Length - 1); parts >= 1; parts--)
        {
            var nameSteps = steps.Skip(1).Take(parts).ToList();
            if (nameSteps.Any(s => s is not AttributeStep))
                continue;
            var name = string.Join('.', nameSteps.Cast<AttributeStep>().Select(s => s.Name));
            if (!ResourceAddress.TryParse($"{kind.Name}.{name}", out var address) || !_addresses.Contains(address))
                continue;
            return (address, steps[(parts + 1)..]);
        }
        return null;
    }

    public IEnumerable<ResourceAddress> Addresses => _addresses;
}
