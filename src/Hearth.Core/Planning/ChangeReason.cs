namespace Hearth.Core.Planning;

/// <summary>Why a change is planned, when it is not simply that the lab differs from the state.</summary>
public enum ChangeReason
{
    None,
    /// <summary>A crash interrupted its creation, so whether it exists is unknown: it is replaced.</summary>
    Tainted,
    /// <summary>--replace named it.</summary>
    ReplaceRequested,
    /// <summary>The resource is no longer in the lab.</summary>
    NotInConfiguration,
    /// <summary>Its for_each key is gone.</summary>
    NoForEachKey,
    /// <summary>Found in a space the lab manages whole (<see cref="Resources.IDiscoversUndeclared"/>) without being declared there.</summary>
    Undeclared,
    /// <summary>hearth destroy / plan --destroy.</summary>
    DestroyRequested,
}
