using System.Collections.Immutable;
using Hearth.Core.Diagnostics;

namespace Hearth.Core.Applying;

/// <summary>What an apply did. Everything counted here is in the state.</summary>
/// <param name="Interrupted">The run was asked to stop; operations not started were skipped.</param>
public sealed record ApplyResult(int Added, int Changed, int Destroyed, ImmutableArray<ResourceOperationError> Errors, bool Interrupted)
{
    public bool Succeeded => Errors.IsEmpty && !Interrupted;
}
