namespace Hearth.Core.Diagnostics;

/// <summary>Collects problems so a user sees all of them at once, not one per run.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public bool HasErrors => _items.Count > 0;

    public void Add(SourceSpan span, string message, string? hint = null) => _items.Add(new Diagnostic(span, message, hint));

    public void Add(LabException exception) => _items.AddRange(exception.Diagnostics);

    /// <summary>Throws a <see cref="LabException"/> holding every diagnostic collected so far, if any.</summary>
    public void ThrowIfAny()
    {
        if (_items.Count > 0)
            throw new LabException(_items.Distinct().ToList());
    }
}
