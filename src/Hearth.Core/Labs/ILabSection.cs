using Hearth.Core.Syntax;

namespace Hearth.Core.Labs;

/// <summary>
/// A module's top-level section of the lab (<c>dns:</c>, <c>storage:</c>…). The module turns it into resources;
/// the loader then checks them like any other.
/// </summary>
public interface ILabSection
{
    /// <summary>The top-level key, e.g. <c>dns</c>.</summary>
    string Name { get; }

    /// <summary>Expands the merged section into resources.</summary>
    /// <exception cref="Diagnostics.LabException">The section is malformed.</exception>
    IEnumerable<ResourceConfig> Expand(MappingSyntax section, LabSectionContext context);
}
