using Hearth.Core.State;

namespace Hearth.Cli.Tests.Processes.StateBackends;

/// <summary>A fresh place for one lab's state: the lab's <c>state:</c> section, and how a test reads what is stored there.</summary>
/// <param name="Section">The <c>state:</c> section (top-level YAML), empty for the default local file.</param>
/// <param name="Backend">The same backend, opened in the test for a lab directory, to read what the processes stored.</param>
/// <param name="LockOutlivesProcess">A killed run's lock stays until force-unlock (a lock object); false where the server drops it (PostgreSQL, a local flock).</param>
public sealed record StateLocation(string Section, Func<string, IStateBackend> Backend, bool LockOutlivesProcess);
