using Hearth.Cli.Hosting;
using Hearth.Cli.Rendering;
using Hearth.Core.Diagnostics;
using Hearth.Core.Labs;
using Hearth.Core.State;
using Hearth.Core.State.Local;

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

    /// <summary>The lab's state backend.</summary>
    /// <exception cref="StateException">The backend is not one this build offers.</exception>
    public IStateBackend Backend(Lab lab) => Backend(lab.State);

    /// <summary>The backend of the lab's <c>state:</c> section, without loading the rest of the lab (state commands).</summary>
    public IStateBackend StateOnlyBackend() => Backend(LabLoader.LoadStateSettings(LabDirectory).State);

    private IStateBackend Backend(StateSettings state)
    {
        if (state.Backend != "local")
            throw new StateException($"state backend `{state.Backend}` is not available in this build of hearth",
                "use `backend: local` (the default), or a hearth build with remote state support");
        if (state.Settings.Find("encrypt_to") is { } encrypt)
            throw new LabException(encrypt.KeySpan, "state.encrypt_to is not supported by this build of hearth yet",
                "remove it for now; the local state is written owner-only (0600)");
        return new LocalStateBackend(Path.GetFullPath(state.Path, LabDirectory), Services.Version);
    }

    public LockInfo Lock(string operation, IStateBackend backend) =>
        LockInfo.ForCurrentProcess(operation, backend.Location, Services.Version);
}
