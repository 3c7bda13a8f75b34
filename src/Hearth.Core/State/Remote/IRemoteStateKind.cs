using Hearth.Core.Values;

namespace Hearth.Core.State.Remote;

/// <summary>
/// A kind of remote state backend a module offers (<c>s3</c>, <c>b2</c>, <c>postgres</c>): turns the lab's evaluated
/// <c>state:</c> settings into a store and its lock, which <see cref="RemoteStateBackend"/> makes a backend of.
/// </summary>
public interface IRemoteStateKind
{
    /// <summary>The <c>state.backend</c> value that selects it.</summary>
    string Backend { get; }

    /// <summary>The settings it reads, besides <c>backend</c> and <c>encrypt_to</c>; any other is refused with a suggestion.</summary>
    IReadOnlyList<string> Settings { get; }

    /// <summary>The store and lock the settings name; a kind may contact the service to learn how it must lock there.</summary>
    /// <exception cref="Diagnostics.StateException">A setting is missing or malformed (the message names it), or the service cannot be used.</exception>
    Task<RemoteStateConnection> ConnectAsync(MapValue settings, CancellationToken cancellationToken);
}
