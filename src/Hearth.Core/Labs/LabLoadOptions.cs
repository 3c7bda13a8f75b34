using Hearth.Core.Resources;

namespace Hearth.Core.Labs;

/// <summary>What a load needs besides the directory: variable values from outside the lab, and the kinds and sections available.</summary>
/// <param name="CommandLineVariables">--var NAME=VALUE pairs, in order (a later one wins).</param>
/// <param name="Environment">The process environment, for HEARTH_VAR_* values.</param>
public sealed record LabLoadOptions(
    IReadOnlyList<KeyValuePair<string, string>> CommandLineVariables,
    IReadOnlyDictionary<string, string> Environment,
    ResourceTypeRegistry Registry,
    IReadOnlyList<ILabSection> Sections);
