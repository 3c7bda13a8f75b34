namespace Hearth.Core.Diagnostics;

/// <summary>
/// Base of every failure Hearth reports to a user. Each family maps to one exit code in the CLI;
/// messages never contain sensitive values.
/// </summary>
public abstract class HearthException : Exception
{
    protected HearthException(string message, string? hint = null, Exception? inner = null)
        : base(message, inner) => Hint = hint;

    /// <summary>What the user can do about it, when there is something to say.</summary>
    public string? Hint { get; }
}
