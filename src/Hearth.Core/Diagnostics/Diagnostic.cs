namespace Hearth.Core.Diagnostics;

/// <summary>One problem found in a lab: what is wrong, where, and what to do about it.</summary>
public sealed record Diagnostic(SourceSpan Span, string Message, string? Hint = null)
{
    public override string ToString()
    {
        var location = Span.IsKnown ? $"{Span}: " : "";
        return Hint is null ? $"{location}{Message}" : $"{location}{Message}\n  {Hint}";
    }
}
