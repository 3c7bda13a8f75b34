using Hearth.Core.Addressing;
using Hearth.Core.Planning;

namespace Hearth.Core.Applying;

/// <summary>Progress of an apply, published as it happens; the CLI renders these (the engine never writes to the console).</summary>
public abstract record ApplyEvent(ResourceAddress Address, ChangeAction Action)
{
    public sealed record Started(ResourceAddress Address, ChangeAction Action) : ApplyEvent(Address, Action);

    /// <summary>Published every few seconds while an operation runs.</summary>
    public sealed record StillRunning(ResourceAddress Address, ChangeAction Action, TimeSpan Elapsed) : ApplyEvent(Address, Action);

    /// <summary><paramref name="Id"/> is the object's id attribute, when it has one.</summary>
    public sealed record Completed(ResourceAddress Address, ChangeAction Action, TimeSpan Elapsed, string? Id) : ApplyEvent(Address, Action);

    public sealed record Failed(ResourceAddress Address, ChangeAction Action, TimeSpan Elapsed, string Message) : ApplyEvent(Address, Action);

    /// <summary>Something the kind tells the user about the operation while it runs (see <see cref="Resources.ResourceRequest.Note"/>).</summary>
    public sealed record Noted(ResourceAddress Address, ChangeAction Action, string Text) : ApplyEvent(Address, Action);

    /// <summary>Not attempted: a dependency failed, or the run was interrupted.</summary>
    public sealed record Skipped(ResourceAddress Address, ChangeAction Action, string Reason) : ApplyEvent(Address, Action);
}
