namespace Hearth.Core.Diagnostics;

/// <summary>The lab cannot be loaded or evaluated; carries every problem found, each with its source position.</summary>
public sealed class LabException : HearthException
{
    public LabException(IReadOnlyList<Diagnostic> diagnostics)
        : base(Summarise(diagnostics)) => Diagnostics = diagnostics;

    public LabException(Diagnostic diagnostic) : this([diagnostic]) { }

    public LabException(SourceSpan span, string message, string? hint = null)
        : this(new Diagnostic(span, message, hint)) { }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    private static string Summarise(IReadOnlyList<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => d.ToString()));
}
