using Hearth.Core.Diagnostics;

namespace Hearth.Dns.Records;

/// <summary>
/// A record cannot be accepted as written: an invalid name or type, a value that does not fit its type, a TTL out
/// of range, or a zone-level conflict (CNAME beside other data, CNAME at the apex). Carries every problem found,
/// each naming its record, so the lab section can place them at file:line:col and apply can name the resource.
/// </summary>
internal sealed class DnsRecordException : ResourceException
{
    public DnsRecordException(IReadOnlyList<DnsRecordProblem> problems)
        : base(string.Join("\n", problems.Select(p => $"{p.Subject}: {p.Message}")),
            problems.Count == 1 ? problems[0].Hint : null)
    {
        if (problems.Count == 0)
            throw new ArgumentException("an exception needs at least one problem", nameof(problems));
        Problems = problems;
    }

    public DnsRecordException(DnsRecordProblem problem) : this([problem]) { }

    public DnsRecordException(string name, DnsRecordType? type, string message, string? hint = null)
        : this(new DnsRecordProblem(name, type, message, hint)) { }

    public IReadOnlyList<DnsRecordProblem> Problems { get; }
}
