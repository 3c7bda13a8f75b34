namespace Hearth.Core.Diagnostics;

/// <summary>Where a value came from: a file (relative to the lab root when inside it), a 1-based line and column.</summary>
public readonly record struct SourceSpan(string File, int Line, int Column)
{
    /// <summary>A value that did not come from a file (a default, the command line, the environment).</summary>
    public static readonly SourceSpan None = new("", 0, 0);

    public bool IsKnown => File.Length > 0;

    public override string ToString() => IsKnown ? $"{File}:{Line}:{Column}" : "(no source)";
}
