using System.Collections.Immutable;

namespace Hearth.Core.Resources;

/// <summary>The resource kinds a lab may use: the built-in ones and those each module adds.</summary>
public sealed class ResourceTypeRegistry
{
    private readonly ImmutableDictionary<string, ResourceType> _types;

    public ResourceTypeRegistry(IEnumerable<ResourceType> types)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, ResourceType>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (!builder.TryAdd(type.Kind, type))
                throw new ArgumentException($"resource kind '{type.Kind}' is registered twice", nameof(types));
        }
        _types = builder.ToImmutable();
    }

    public IEnumerable<ResourceType> All => _types.Values.OrderBy(t => t.Kind, StringComparer.Ordinal);

    public IEnumerable<string> Kinds => _types.Keys;

    public ResourceType? Find(string kind) => _types.GetValueOrDefault(kind);
}
