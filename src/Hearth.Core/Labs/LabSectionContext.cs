namespace Hearth.Core.Labs;

/// <summary>What a section expander may look at: the lab's name and its provider settings.</summary>
public sealed record LabSectionContext(string LabName, IReadOnlyDictionary<string, Expressions.MapExpression> Providers);
