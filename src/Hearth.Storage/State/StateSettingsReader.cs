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

    /// <summary>A duration in seconds (<c>2</c>, <c>0.5</c>), or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="StateException">The setting is not a positive number.</exception>
    public TimeSpan Seconds(string name, TimeSpan fallback)
    {
        if (Optional(name) is not { } text)
            return fallback;
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new StateException($"state.{name} must be a positive number of seconds, not `{text}`", null);
    }

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
