using System.Globalization;
using Hearth.Core.Diagnostics;
using Hearth.Dns.Records;

namespace Hearth.Dns.ZoneFiles;

/// <summary>
/// Reads BIND zone files: <c>$ORIGIN</c> and <c>$TTL</c>, comments, entries continued in parentheses, relative and
/// absolute names, <c>@</c>, a blank owner meaning "the previous owner", class IN (optional, before or after the
/// TTL) and a TTL per record. A record without TTL takes <c>$TTL</c>, else the last TTL given (RFC 1035); an SOA
/// without TTL before any TTL makes its minimum field the default, as BIND 9 does. Refused with file:line:column: <c>$INCLUDE</c> and <c>$GENERATE</c>,
/// classes other than IN, data outside the zone, a missing or second SOA.
/// </summary>
internal sealed class ZoneFileParser
{
    private static readonly string[] OtherClasses = ["CH", "CHAOS", "HS", "HESIOD", "CS", "NONE", "ANY"];

    private readonly DnsName _zone;
    private readonly string _fileName;
    private readonly Dictionary<DnsRecordKey, PendingSet> _sets = [];
    private readonly List<ZoneFileRecord> _others = [];
    private DnsName _origin;
    private int? _defaultTtl;
    private int? _lastTtl;
    private DnsName? _lastOwner;
    private SoaRecord? _soa;

    private ZoneFileParser(DnsName zone, string fileName)
    {
        _zone = zone;
        _origin = zone;
        _fileName = fileName;
    }

    public static ZoneFile Parse(string text, DnsName zone, string fileName)
    {
        var parser = new ZoneFileParser(zone, fileName);
        foreach (var entry in ZoneFileTokenizer.Read(text, fileName))
            parser.Read(entry);
        return parser.Build();
    }

    private void Read(ZoneFileEntry entry)
    {
        var first = entry.Tokens[0];
        if (!entry.InheritsOwner && !first.Quoted && first.Text.StartsWith('$'))
        {
            ReadDirective(entry);
            return;
        }
        var index = 0;
        DnsName owner;
        if (entry.InheritsOwner)
        {
            owner = _lastOwner ?? throw Error(first, "the first record has no owner name", "start the line with a name or '@'");
        }
        else
        {
            owner = ReadName(first, _origin);
            index = 1;
        }
        if (!owner.IsAtOrBelow(_zone))
            throw Error(first, $"{owner} is outside the zone {_zone}", $"keep only names ending in {_zone} in this file");

        int? ttl = null;
        while (index < entry.Tokens.Count - 1)
        {
            var token = entry.Tokens[index];
            if (ttl is null && ZoneTtl.LooksLikeTtl(token.Text))
            {
                ttl = ZoneTtl.TryParse(token.Text) ?? throw Error(token, $"'{token.Text}' is not a TTL", "write seconds (300) or units (1h, 2d) up to 2147483647 seconds");
                index++;
            }
            else if (token.Text.Equals("IN", StringComparison.OrdinalIgnoreCase))
            {
                index++;
            }
            else if (OtherClasses.Contains(token.Text, StringComparer.OrdinalIgnoreCase) || token.Text.StartsWith("CLASS", StringComparison.OrdinalIgnoreCase))
            {
                throw Error(token, $"class {token.Text} is not supported", "zone files for Hearth hold class IN records only");
            }
            else
            {
                break;
            }
        }
        if (index >= entry.Tokens.Count)
            throw Error(entry.Tokens[^1], "the record has no type", "write NAME [TTL] [IN] TYPE DATA");
        var typeToken = entry.Tokens[index];
        if (ZoneTtl.LooksLikeTtl(typeToken.Text) || typeToken.Quoted || typeToken.Text.Equals("IN", StringComparison.OrdinalIgnoreCase) ||
            !typeToken.Text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw Error(typeToken, $"'{typeToken.Written}' is not a record type", "write NAME [TTL] [IN] TYPE DATA");
        }
        var data = entry.Tokens.Skip(index + 1).ToList();
        if (ttl is not null)
            _lastTtl = ttl;
        _lastOwner = owner;

        if (typeToken.Text.Equals("SOA", StringComparison.OrdinalIgnoreCase))
            ReadSoa(owner, ttl, typeToken, data);
        else if (DnsRecordTypes.TryParse(typeToken.Text, out var type))
            ReadRecord(owner, EffectiveTtl(ttl, typeToken), type, typeToken, data);
        else
            _others.Add(new ZoneFileRecord(owner, EffectiveTtl(ttl, typeToken), typeToken.Text.ToUpperInvariant(), string.Join(' ', data.Select(t => t.Written)), _origin));
    }

    private void ReadDirective(ZoneFileEntry entry)
    {
        var directive = entry.Tokens[0];
        switch (directive.Text.ToUpperInvariant())
        {
            case "$ORIGIN" when entry.Tokens.Count == 2:
                _origin = ReadName(entry.Tokens[1], _origin);
                break;
            case "$TTL" when entry.Tokens.Count == 2:
                _defaultTtl = ZoneTtl.TryParse(entry.Tokens[1].Text) ?? throw Error(entry.Tokens[1], $"'{entry.Tokens[1].Text}' is not a TTL", "write seconds (300) or units (1h)");
                break;
            case "$ORIGIN" or "$TTL":
                throw Error(directive, $"{directive.Text} takes exactly one value", null);
            case "$INCLUDE" or "$GENERATE":
                throw Error(directive, $"{directive.Text} is not supported", "write the records into this file");
            default:
                throw Error(directive, $"unknown directive {directive.Text}", "use $ORIGIN or $TTL");
        }
    }

    private void ReadSoa(DnsName owner, int? ttl, ZoneFileToken typeToken, List<ZoneFileToken> data)
    {
        if (_soa is not null)
            throw Error(typeToken, "a second SOA record", "a zone has exactly one SOA");
        if (owner != _zone)
            throw Error(typeToken, $"the SOA is at {owner}, not at the zone's apex {_zone}", $"check $ORIGIN, or read the file as zone {owner}");
        if (data.Count != 7)
            throw Error(typeToken, "an SOA has seven fields: primary server, mailbox, serial, refresh, retry, expire, minimum", null);
        var serial = uint.TryParse(data[2].Text, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? s
            : throw Error(data[2], $"the serial '{data[2].Text}' is not a number from 0 to 4294967295", null);
        var timers = data.Skip(3).Select(t => ZoneTtl.TryParse(t.Text) ?? throw Error(t, $"'{t.Text}' is not a time", "write seconds or units (1h, 2w)")).ToArray();
        // With no TTL anywhere yet, BIND takes the SOA's minimum and keeps it as the default for the file.
        if (ttl is null && _defaultTtl is null && _lastTtl is null)
            _defaultTtl = timers[3];
        var effectiveTtl = ttl ?? _defaultTtl ?? _lastTtl!.Value;
        _soa = new SoaRecord(ReadName(data[0], _origin), ReadName(data[1], _origin), serial, timers[0], timers[1], timers[2], timers[3], effectiveTtl);
    }

    private void ReadRecord(DnsName owner, int ttl, DnsRecordType type, ZoneFileToken typeToken, List<ZoneFileToken> data)
    {
        if (data.Count == 0)
            throw Error(typeToken, $"the {type} record has no data", null);
        var value = ValueText(type, typeToken, data);
        string normal;
        try
        {
            normal = DnsRecordValue.Normalise(type, value, DnsNameContext.ZoneFile(_origin), owner.Value);
        }
        catch (DnsRecordException e)
        {
            throw new ZoneFileException(Span(data[0]), e.Message, e.Hint, e);
        }
        var key = new DnsRecordKey(owner, type);
        if (!_sets.TryGetValue(key, out var set))
            _sets[key] = set = new PendingSet(ttl, typeToken);
        // Duplicates are ignored, as BIND ignores them; a set's TTL is the first one given (RFC 2181 §5.2).
        if (!set.Values.Contains(normal))
            set.Values.Add(normal);
    }

    /// <summary>The record's data as one value text: TXT strings re-quoted (unquoted words are strings too), CAA values quoted.</summary>
    private string ValueText(DnsRecordType type, ZoneFileToken typeToken, List<ZoneFileToken> data)
    {
        switch (type)
        {
            case DnsRecordType.TXT:
                return string.Join(' ', data.Select(t => t.Quoted ? t.Written : $"\"{EscapeQuotes(t.Text)}\""));
            case DnsRecordType.CAA:
                if (data.Count != 3)
                    throw Error(typeToken, "a CAA record has three fields: flags, tag and value", "write 0 issue \"letsencrypt.org\"");
                return $"{data[0].Text} {data[1].Text} {(data[2].Quoted ? data[2].Written : $"\"{EscapeQuotes(data[2].Text)}\"")}";
            default:
                if (data.FirstOrDefault(t => t.Quoted) is { } quoted)
                    throw Error(quoted, $"a {type} record has no quoted fields", null);
                return string.Join(' ', data.Select(t => t.Text));
        }
    }

    /// <summary>An unquoted word may hold a bare <c>"</c> after its first character; inside quotes it needs a backslash.</summary>
    private static string EscapeQuotes(string word)
    {
        var text = new System.Text.StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            if (word[i] == '\\' && i + 1 < word.Length)
            {
                text.Append(word, i, 2);
                i++;
            }
            else
            {
                text.Append(word[i] == '"' ? "\\\"" : word[i]);
            }
        }
        return text.ToString();
    }

    private int EffectiveTtl(int? ttl, ZoneFileToken at) =>
        ttl ?? _defaultTtl ?? _lastTtl ?? throw Error(at, "the record has no TTL and no $TTL is set", "add a $TTL line at the top, such as $TTL 300");

    private DnsName ReadName(ZoneFileToken token, DnsName origin)
    {
        if (token.Quoted)
            throw Error(token, "a name is not quoted", null);
        try
        {
            return DnsName.ParseRelative(token.Text, origin);
        }
        catch (DnsRecordException e)
        {
            throw new ZoneFileException(Span(token), $"'{token.Text}': {e.Problems[0].Message}", e.Hint, e);
        }
    }

    private ZoneFile Build()
    {
        var soa = _soa ?? throw new ZoneFileException(new SourceSpan(_fileName, 1, 1), $"the file has no SOA record for {_zone}",
            $"start it with: @ IN SOA ns1.{_zone} hostmaster.{_zone} ( 1 3600 600 1209600 300 )");
        var sets = new List<DnsRecordSet>();
        foreach (var (key, pending) in _sets)
        {
            try
            {
                sets.Add(DnsRecordSet.Create(key.Name, key.Type, pending.Ttl, pending.Values, DnsNameContext.Absolute));
            }
            catch (DnsRecordException e)
            {
                throw new ZoneFileException(Span(pending.FirstToken), e.Message, e.Hint, e);
            }
        }
        return new ZoneFile(_zone, _defaultTtl ?? soa.Minimum, soa, DnsRecordSets.Of(sets), _others);
    }

    private SourceSpan Span(ZoneFileToken token) => new(_fileName, token.Line, token.Column);

    private ZoneFileException Error(ZoneFileToken token, string message, string? hint) => new(Span(token), message, hint);

    private sealed class PendingSet(int ttl, ZoneFileToken firstToken)
    {
        public int Ttl { get; } = ttl;

        public ZoneFileToken FirstToken { get; } = firstToken;

        public List<string> Values { get; } = [];
    }
}
