using Hearth.Core.Diagnostics;
using Hearth.Core.Values;

namespace Hearth.Storage.State;

/// <summary>Reads one backend's evaluated <c>state:</c> settings, naming the setting in every error.</summary>
internal sealed class StateSettingsReader(string backend, MapValue settings)
{
    /// <exception cref="StateException">The setting is missing or empty.</exception>
    public string Required(string name) => Optional(name) ?? throw new StateException(
        $"state.{name} is required for the {backend} state backend", $"add {name}: to the lab's state: section");

    /// <exception cref="StateException">The setting is not text.</exception>
    public string? Optional(string name) => settings.Get(name)?.Unmarked() switch
    {
        null or NullValue => null,
        StringValue { Text.Length: > 0 } text => text.Text,
        StringValue => null,
        NumberValue or BoolValue => settings.Get(name)!.Unmarked().ToText(),
        var other => throw new StateException($"state.{name} must be text, not a {other.TypeName}", $"write {name}: as a plain value"),
    };

    /// <exception cref="StateException">The setting is not true or false.</exception>
    public bool Flag(string name, bool fallback) => settings.Get(name)?.Unmarked() switch
    {
        null or NullValue => fallback,
        BoolValue flag => flag.Flag,
        StringValue { Text: "true" } => true,
        StringValue { Text: "false" } => false,
        var other => throw new StateException($"state.{name} must be true or false, not {other.ToText()}", null),
    };
}
