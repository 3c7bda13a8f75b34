using Hearth.Cli.Rendering;
using Hearth.Core.Diagnostics;
using Hearth.Core.Labs;
using Hearth.Core.State;
using Hearth.Core.State.Local;
using Hearth.Core.State.Remote;
using Hearth.Core.Values;
using Hearth.Storage.Encryption;

namespace Hearth.Cli.Hosting;

/// <summary>
/// Makes the backend the lab's <c>state:</c> section names: the local file, or a remote kind a module offers, with
/// its settings evaluated first (variables and secrets) and encryption at rest when <c>encrypt_to</c> is set.
/// </summary>
internal sealed class StateBackendFactory(HearthServices services, CliEnvironment environment, Terminal terminal)
{
    private static readonly string[] CommonSettings = ["backend", "encrypt_to"];

    /// <exception cref="LabException">A setting is unknown or cannot be evaluated.</exception>
    /// <exception cref="StateException">The backend is unknown, or a setting is missing or malformed.</exception>
    public async Task<IStateBackend> CreateAsync(StateSettings state, ValueMap variables, string labDirectory, CancellationToken cancellationToken)
    {
        if (Check(state) is not { } kind)
            return new LocalStateBackend(Path.GetFullPath(state.Path, labDirectory), services.Version);
        var settings = await StateSettingsEvaluation.EvaluateAsync(state, variables, services.Secrets, labDirectory, cancellationToken);
        var connection = await kind.ConnectAsync(settings, cancellationToken);
        if (connection.Warning is { } warning)
            terminal.ErrorLine($"Warning: {warning}", Styles.Warning);
        return new RemoteStateBackend(connection.Store, connection.Lock, new RemoteStateOptions
        {
            LabDirectory = labDirectory,
            HearthVersion = services.Version,
            Encryption = Recipients(settings) is { Count: > 0 } recipients ? new AgeStateEncryption(recipients, environment.Variables) : null,
            Notify = notice => terminal.ErrorLine(notice.Message),
        });
    }

    /// <summary>Checks the section names a backend this build offers and only settings it reads, without evaluating any.</summary>
    /// <returns>The remote kind, or null for the local backend.</returns>
    /// <exception cref="StateException">The backend is unknown.</exception>
    /// <exception cref="LabException">A setting is unknown.</exception>
    public IRemoteStateKind? Check(StateSettings state)
    {
        if (state.Backend == "local")
        {
            if (state.Settings.Find("encrypt_to") is { } encrypt)
                throw new LabException(encrypt.KeySpan, "state.encrypt_to is for the remote state backends (s3, b2, postgres)",
                    "remove it: the local state is written owner-only (0600); or keep the state remotely, encrypted");
            return null;
        }
        var kind = services.StateKinds.FirstOrDefault(k => k.Backend == state.Backend) ?? throw new StateException(
            $"state backend `{state.Backend}` is not one this build of hearth offers",
            $"use one of local, {string.Join(", ", services.StateKinds.Select(k => k.Backend))}");
        CheckSettingNames(state, kind);
        return kind;
    }

    private static void CheckSettingNames(StateSettings state, IRemoteStateKind kind)
    {
        var known = CommonSettings.Concat(kind.Settings).ToList();
        var diagnostics = new DiagnosticBag();
        foreach (var unknown in state.Settings.Entries.Where(e => !known.Contains(e.Key)))
            diagnostics.Add(unknown.KeySpan, $"unknown setting `{unknown.Key}` for the {kind.Backend} state backend", NameSuggester.Hint(unknown.Key, known, "setting"));
        diagnostics.ThrowIfAny();
    }

    /// <summary>The age recipients of <c>encrypt_to</c>: a list, or one recipient as text; none when the setting is absent.</summary>
    /// <exception cref="StateException">The setting is there but names no recipient: encryption must never be off by mistake.</exception>
    private static List<string> Recipients(MapValue settings) => settings.Get("encrypt_to")?.Unmarked() switch
    {
        null or NullValue => [],
        ListValue { Items.Count: > 0 } list => [.. list.Items.Select(i => i.ToText())],
        StringValue { Text.Length: > 0 } one => [one.Text],
        var other => throw new StateException($"state.encrypt_to names no age recipient ({other.ToText()})",
            "list the recipients (age1…) the state is encrypted to, or remove encrypt_to to store it unencrypted"),
    };
}
