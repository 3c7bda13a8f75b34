namespace Hearth.Core.Resources;

/// <summary>Identifies one group of a batched read.</summary>
public readonly record struct BatchKey(string Value)
{
    public override string ToString() => Value;
}
