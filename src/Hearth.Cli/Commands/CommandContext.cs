using Hearth.Cli.Hosting;
using Hearth.Cli.Rendering;
using Hearth.Core.Diagnostics;
using Hearth.Core.Labs;
using Hearth.Core.State;
using Hearth.Core.Values;

namespace Hearth.Cli.Commands;

/// <summary>What every command works with: the terminal, the lab directory, the composed services.</summary>
internal sealed record CommandContext(CliEnvironment Environment, HearthServices Services, Terminal Terminal, string LabDirectory, bool Verbose, bool Debug)
{
    /// <exception cref="LabException">The lab has problems.</exception>
    public Lab LoadLab(IReadOnlyList<KeyValuePair<string, string>> variables, IReadOnlyList<string>? variableFiles = null, bool useEnvironment = true)
    {
        var files = (variableFiles ?? []).Select(f => Path.GetFullPath(f, Environment.WorkingDirectory)).ToList();
        var lab = new LabLoader(new LabLoadOptions(variables, useEnvironment ? Environment.Variables : new Dictionary<string, string>(),
            Services.Registry, Services.Sections, files)).Load(LabDirectory);
        if (Verbose)
            Terminal.ErrorLine($"Loaded lab `{lab.Name}` from {LabDirectory}: {lab.Resources.Length} resource(s) in {lab.Files.Length} file(s) ({string.Join(", ", lab.Files)}); state: {lab.State.Backend} {lab.State.Path}");
        return lab;
    }

    /// <summary>The lab's state backend, its settings evaluated (variables, secrets).</summary>
    /// <exception cref="StateException">The backend is not one this build offers, or a setting is missing or malformed.</exception>
    /// <exception cref="LabException">A setting is unknown or cannot be evaluated.</exception>
    public Task<IStateBackend> BackendAsync(Lab lab, CancellationToken cancellationToken) =>
        new StateBackendFactory(Services, Environment, Terminal).CreateAsync(lab.State, lab.VariableValues, lab.Directory, cancellationToken);

    /// <summary>
    /// The backend of the lab's <c>state:</c> section for the state commands, which work on a lab whose resources do
    /// not load: variables come from the lab when it loads, and are absent otherwise.
    /// </summary>
    public Task<IStateBackend> StateOnlyBackendAsync(CancellationToken cancellationToken) =>
        StateOnlyBackendAsync(LabLoader.LoadStateSettings(LabDirectory).State, cancellationToken);

    /// <summary>The backend <paramref name="state"/> names (another lab's section, a migration's target), evaluated as <see cref="StateOnlyBackendAsync(CancellationToken)"/>.</summary>
    public Task<IStateBackend> StateOnlyBackendAsync(StateSettings state, CancellationToken cancellationToken)
    {
        var variables = ValueMap.Empty;
        if (state.Settings.Entries.Any(e => e.Value.References().Any()))
        {
            try
            {
                variables = LoadLab([]).VariableValues;
            }
            catch (LabException)
            {
                // The state settings' own evaluation reports a variable it needs and cannot have.
            }
        }
        return new StateBackendFactory(Services, Environment, Terminal).CreateAsync(state, variables, Path.GetFullPath(LabDirectory), cancellationToken);
    }

    public LockInfo Lock(string operation, IStateBackend backend) =>
        LockInfo.ForCurrentProcess(operation, backend.Location, Services.Version);
}
