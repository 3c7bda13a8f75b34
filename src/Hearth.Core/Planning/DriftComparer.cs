using Hearth.Core.State;

namespace Hearth.Core.Planning;

/// <summary>The differences between a state and a refreshed copy of it, as drift.</summary>
public static class DriftComparer
{
    public static IReadOnlyList<ResourceDrift> Compare(StateDocument prior, StateDocument refreshed) =>
        [.. prior.Resources.Values
            .Select(i => (Instance: i, Now: refreshed.Find(i.Address)))
            .Where(p => p.Now is null || !p.Now.Attributes.Unmarked().Equals(p.Instance.Attributes.Unmarked()))
            .Select(p => new ResourceDrift(p.Instance.Address, p.Instance.Attributes, p.Now?.Attributes))];
}
