using Hearth.Core.Diagnostics;

namespace Hearth.Core.State.Remote;

/// <summary>A compare-and-swap write found another version stored than the one this run read: someone wrote in between.</summary>
public sealed class StateConflictException(string location, string? expectedVersion, string? storedVersion)
    : HearthException(
        $"the state at {location} changed since this run read it (expected version {expectedVersion ?? "none"}, found {storedVersion ?? "none"})",
        "another run wrote the state without holding the lock; run `hearth plan` again to see the state as it is now")
{
    public string? ExpectedVersion { get; } = expectedVersion;

    public string? StoredVersion { get; } = storedVersion;
}
