namespace Hearth.Dns.Records;

/// <summary>
/// One thing wrong with a declared record: which record (its name as far as it could be read, and its type when
/// known), what is wrong, and what to do. The lab section turns each into a diagnostic at the record's position.
/// </summary>
internal sealed record DnsRecordProblem(string Name, DnsRecordType? Type, string Message, string? Hint = null)
{
    /// <summary>The record as messages name it: <c>www.qt.rs. A</c>, or just the name when the type is not known.</summary>
    public string Subject => Type is { } type ? $"{Name} {type}" : Name;

    public override string ToString() => Hint is null ? $"{Subject}: {Message}" : $"{Subject}: {Message}\n  {Hint}";
}
