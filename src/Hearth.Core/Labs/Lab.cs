using System.Collections.Immutable;
using Hearth.Core.Addressing;
using Hearth.Core.Expressions;
using Hearth.Core.Values;

namespace Hearth.Core.Labs;

/// <summary>
/// A loaded, checked lab: every resource (written directly or expanded from a module section), the variables
/// with their final values, outputs, and the raw provider and state settings modules read.
/// </summary>
/// <param name="Fingerprint">A hash of every file loaded and every variable value; a saved plan records it.</param>
public sealed record Lab(
    string Name,
    string Directory,
    StateSettings State,
    ImmutableDictionary<string, VariableDefinition> Variables,
    ValueMap VariableValues,
    ImmutableArray<ResourceConfig> Resources,
    ImmutableArray<OutputConfig> Outputs,
    ImmutableDictionary<string, MapExpression> Providers,
    ImmutableArray<string> Files,
    string Fingerprint)
{
    // Built once from the constructor's Resources; labs are never re-derived with a different resource list.
    private readonly Dictionary<ResourceAddress, ResourceConfig> _byAddress = Resources.ToDictionary(r => r.Address);

    public ResourceConfig? FindResource(ResourceAddress address) => _byAddress.GetValueOrDefault(address.Resource);

    /// <summary>Every <c>${secret:…}</c> the lab uses: in arguments, for_each expressions and outputs.</summary>
    public IReadOnlyList<SecretExpression> SecretReferences(Func<ResourceAddress, bool>? includeResource = null) =>
        [.. Resources.Where(r => includeResource?.Invoke(r.Address) ?? true)
            .SelectMany(r => r.ForEach is null ? r.Arguments.Secrets() : r.Arguments.Secrets().Concat(r.ForEach.Secrets()))
            .Concat(Outputs.SelectMany(o => o.Value.Secrets()))
            .Concat(Providers.Values.SelectMany(p => p.Secrets()))];
}
