using Hearth.Core.Addressing;

namespace Hearth.Core.Resources;

/// <summary>What every operation knows: which instance, the lab's directory (relative paths resolve against it), and the provider settings.</summary>
public abstract record ResourceRequest(ResourceAddress Address, string LabDirectory)
{
    /// <summary>The lab's evaluated <c>providers:</c> section.</summary>
    public ProviderSettings Providers { get; init; } = ProviderSettings.None;

    /// <summary>
    /// Tells the user something about this operation as it happens (cleaning up what an interrupted run left, say);
    /// during apply it is shown under the resource's progress. Never for secrets.
    /// </summary>
    public Action<string> Note { get; init; } = _ => { };
}
