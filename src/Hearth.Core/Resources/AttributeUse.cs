namespace Hearth.Core.Resources;

/// <summary>Who sets an attribute: the lab (required or optional), the resource type (computed), or either.</summary>
public enum AttributeUse
{
    Required,
    Optional,
    Computed,
    OptionalComputed,
}
