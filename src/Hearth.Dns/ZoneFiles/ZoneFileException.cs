using Hearth.Core.Diagnostics;

namespace Hearth.Dns.ZoneFiles;

/// <summary>A zone file cannot be read (a syntax error, a record that is not valid) or written; names the file, line and column.</summary>
internal sealed class ZoneFileException(SourceSpan span, string message, string? hint = null, Exception? inner = null)
    : ResourceException(span.IsKnown ? $"{span}: {message}" : message, hint, inner)
{
    public SourceSpan Span { get; } = span;
}
