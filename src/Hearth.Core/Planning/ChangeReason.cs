namespace Hearth.Core.Planning;

/// <summary>Why a change is planned, when it is not simply that the lab differs from the state.</summary>
public enum ChangeReason
{
    None,
    /// <summary>Its creation did not finish (a crash, a failure), so it is replaced.</summary>
    Tainted,
    /// <summary>--replace named it.</summary>
    ReplaceRequested,
    /// <summary>The resource is no longer in the lab.</summary>
    NotInConfiguration,
    /// <summary>Its for_each key is gone.</summary>
    NoForEachKey,
    /// <summary>hearth destroy / plan --destroy.</summary>
    DestroyRequested,
    /// <summary>The object was deleted outside Hearth.</summary>
    DeletedOutside,
}
