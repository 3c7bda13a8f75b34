using Hearth.Core.Resources;

namespace Hearth.Core.Labs;

/// <summary>What a load needs besides the directory: variable values from outside the lab, and the kinds and sections available.</summary>
/// <param name="CommandLineVariables">--var NAME=VALUE pairs, in order (a later one wins).</param>
/// <param name="Environment">The process environment, for HEARTH_VAR_* values.</param>
/// <param name="VariableFiles">--var-file paths (YAML mappings of name: value), applied in order after the environment.</param>
public sealed record LabLoadOptions(
    IReadOnlyList<KeyValuePair<string, string>> CommandLineVariables,
    IReadOnlyDictionary<string, string> Environment,
    ResourceTypeRegistry Registry,
    IReadOnlyList<ILabSection> Sections,
    IReadOnlyList<string>? VariableFiles = null);
