using System.Collections.Immutable;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Values;

namespace Hearth.Core.Resources;

/// <summary>
/// The lab's <c>providers:</c> section, evaluated once per run (variables and secrets filled in), handed to every
/// operation so a kind can reach its API (endpoints, tokens). It never goes into the state: credentials stay in
/// the lab and its secret files.
/// </summary>
public sealed class ProviderSettings(ImmutableDictionary<string, MapValue> settings)
{
    public static ProviderSettings None { get; } = new(ImmutableDictionary<string, MapValue>.Empty);

    public IEnumerable<string> Names => settings.Keys;

    public MapValue? Find(string provider) => settings.GetValueOrDefault(provider);

    /// <exception cref="ResourceException">The lab does not configure <paramref name="provider"/>.</exception>
    public MapValue Require(string provider, ResourceAddress user) => Find(provider) ?? throw new ResourceException(
        $"{user} needs the `{provider}` provider, which the lab's providers: section does not configure",
        $"add `providers: {{ {provider}: {{ … }} }}` to the lab (see docs/lab-format.md#providers)");

    public override string ToString() => $"ProviderSettings({string.Join(", ", settings.Keys)})";
}
