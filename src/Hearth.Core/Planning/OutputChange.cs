using Hearth.Core.Values;

namespace Hearth.Core.Planning;

/// <summary>An output's value before and after (either may be null: added, removed).</summary>
public sealed record OutputChange(string Name, Value? Before, Value? After, bool Sensitive)
{
    public bool IsChange => !Equals(Before?.Unmarked(), After?.Unmarked()) || After?.ContainsUnknown == true;
}
