namespace Hearth.Core.Planning;

public enum PlanMode
{
    /// <summary>Make the real objects match the lab.</summary>
    Normal,
    /// <summary>Delete everything (or the targets and what depends on them).</summary>
    Destroy,
    /// <summary>Only update the state to what the real objects are now.</summary>
    RefreshOnly,
}
