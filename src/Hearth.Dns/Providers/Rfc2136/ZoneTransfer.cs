using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ARSoft.Tools.Net.Dns;
using Hearth.Dns.Records;

namespace Hearth.Dns.Providers.Rfc2136;

/// <summary>
/// Reads a zone by AXFR over TCP, TSIG-signed, however many messages the server sends: each answer's MAC is checked
/// as RFC 8945 §5.3.1 chains them (the first over the request's MAC, each later one over the one before). The
/// library's own client checks later messages against the request's MAC and drops large transfers, so only its
/// message parsing is used here.
/// </summary>
internal static class ZoneTransfer
{
    private const ushort TypeAxfr = 252;
    private const ushort TypeTsig = 250;
    private const ushort ClassIn = 1;
    private const ushort ClassAny = 255;
    private const ushort Fudge = 300;

    /// <exception cref="ZoneTransferException">The server refused, a MAC does not check, or the stream ended early.</exception>
    public static async Task<IReadOnlyList<DnsRecordBase>> ReadAsync(IPAddress address, int port, DnsName zone, TsigKey key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var tcp = new TcpClient(address.AddressFamily);
        await tcp.ConnectAsync(address, port, deadline.Token);
        var stream = tcp.GetStream();
        var id = (ushort)RandomNumberGenerator.GetInt32(1, ushort.MaxValue);
        var (query, requestMac) = Query(id, zone, key);
        await stream.WriteAsync(Framed(query), deadline.Token);

        var records = new List<DnsRecordBase>();
        var priorMac = requestMac;
        var first = true;
        var soas = 0;
        while (soas < 2)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(await ReadExactlyAsync(stream, 2, deadline.Token));
            var message = await ReadExactlyAsync(stream, length, deadline.Token);
            priorMac = Verify(message, key, priorMac, first);
            var parsed = DnsMessage.Parse(new ArraySegment<byte>(message));
            if (parsed.ReturnCode != ReturnCode.NoError)
                throw new ZoneTransferException(parsed.ReturnCode, $"the server answered {parsed.ReturnCode}");
            foreach (var record in parsed.AnswerRecords)
            {
                if (record.RecordType == RecordType.Soa)
                    soas++;
                if (soas < 2 || record.RecordType != RecordType.Soa)
                    records.Add(record);
            }
            if (first && records.Count == 0)
                throw new ZoneTransferException(ReturnCode.NoError, "the server sent no records (no SOA)");
            first = false;
        }
        return records;
    }

    private static byte[] Framed(byte[] message)
    {
        var framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed, 2);
        return framed;
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    /// <summary>The signed AXFR query and its MAC.</summary>
    private static (byte[] Message, byte[] Mac) Query(ushort id, DnsName zone, TsigKey key)
    {
        var body = new List<byte>(64);
        WriteUInt16(body, id);
        WriteUInt16(body, 0); // A standard query, not recursive.
        WriteUInt16(body, 1);
        WriteUInt16(body, 0);
        WriteUInt16(body, 0);
        WriteUInt16(body, 0);
        body.AddRange(NameWire(zone.Value));
        WriteUInt16(body, TypeAxfr);
        WriteUInt16(body, ClassIn);
        var timeSigned = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signed = new List<byte>(body);
        signed.AddRange(Variables(key, timeSigned, error: 0, allVariables: true));
        var mac = key.Mac(signed.ToArray());

        var message = new List<byte>(body);
        BinaryPrimitives.WriteUInt16BigEndian(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(message)[10..], 1); // ARCOUNT: the TSIG record.
        message.AddRange(NameWire(key.Name.ToString()));
        WriteUInt16(message, TypeTsig);
        WriteUInt16(message, ClassAny);
        WriteUInt32(message, 0);
        var rdata = new List<byte>();
        rdata.AddRange(NameWire(key.AlgorithmName));
        WriteUInt48(rdata, timeSigned);
        WriteUInt16(rdata, Fudge);
        WriteUInt16(rdata, (ushort)mac.Length);
        rdata.AddRange(mac);
        WriteUInt16(rdata, id);
        WriteUInt16(rdata, 0);
        WriteUInt16(rdata, 0);
        WriteUInt16(message, (ushort)rdata.Count);
        message.AddRange(rdata);
        return ([.. message], mac);
    }

    /// <summary>Checks one answer's TSIG and returns its MAC, which the next answer's covers.</summary>
    private static byte[] Verify(byte[] message, TsigKey key, byte[] priorMac, bool first)
    {
        var tsigStart = LastRecordOffset(message);
        var arCount = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(10));
        if (tsigStart < 0 || arCount == 0 || !IsTsig(message, tsigStart, out var rdata))
            throw new ZoneTransferException(ReturnCode.BadSig, "an answer is not signed with the key");
        // The TSIG RDATA: algorithm name, time signed (48 bits), fudge, MAC size, MAC, original id, error, other.
        var position = SkipName(message, rdata);
        var timeSigned = ReadUInt48(message, position);
        position += 10; // Time signed (6 bytes), fudge (2), MAC size (2).
        var macSize = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(position - 2));
        var mac = message.AsSpan(position, macSize).ToArray();
        position += macSize;
        var originalId = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(position));
        var error = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(position + 2));
        if (error != 0)
            throw new ZoneTransferException((ReturnCode)error, $"the server refused the key (TSIG error {(ReturnCode)error})");

        var unsigned = message.AsSpan(0, tsigStart).ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(unsigned, originalId);
        BinaryPrimitives.WriteUInt16BigEndian(unsigned.AsSpan(10), (ushort)(arCount - 1));
        var covered = new List<byte>();
        WriteUInt16(covered, (ushort)priorMac.Length);
        covered.AddRange(priorMac);
        covered.AddRange(unsigned);
        covered.AddRange(Variables(key, timeSigned, error, allVariables: first));
        if (!CryptographicOperations.FixedTimeEquals(key.Mac(covered.ToArray()), mac))
            throw new ZoneTransferException(ReturnCode.BadSig, "an answer's TSIG signature does not check");
        return mac;
    }

    /// <summary>The TSIG variables a MAC covers: all of them for a request and a first answer, the timers for later answers.</summary>
    private static List<byte> Variables(TsigKey key, long timeSigned, ushort error, bool allVariables)
    {
        var variables = new List<byte>();
        if (allVariables)
        {
            variables.AddRange(NameWire(key.Name.ToString()));
            WriteUInt16(variables, ClassAny);
            WriteUInt32(variables, 0);
            variables.AddRange(NameWire(key.AlgorithmName));
        }
        WriteUInt48(variables, timeSigned);
        WriteUInt16(variables, Fudge);
        if (allVariables)
        {
            WriteUInt16(variables, error);
            WriteUInt16(variables, 0);
        }
        return variables;
    }

    /// <summary>Where the last resource record of a message starts (the TSIG record, when it is signed); -1 if malformed.</summary>
    private static int LastRecordOffset(byte[] message)
    {
        if (message.Length < 12)
            return -1;
        int Count(int offset) => BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(offset));
        var position = 12;
        for (var i = 0; i < Count(4); i++)
            position = SkipName(message, position) + 4;
        var records = Count(6) + Count(8) + Count(10);
        var last = -1;
        for (var i = 0; i < records; i++)
        {
            last = position;
            position = SkipName(message, position) + 8;
            position += 2 + BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(position));
        }
        return last;
    }

    private static bool IsTsig(byte[] message, int start, out int rdata)
    {
        var afterName = SkipName(message, start);
        rdata = afterName + 10;
        return BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(afterName)) == TypeTsig;
    }

    /// <summary>The offset just past a (possibly compressed) name.</summary>
    private static int SkipName(byte[] message, int position)
    {
        while (true)
        {
            var length = message[position];
            if (length == 0)
                return position + 1;
            if ((length & 0xC0) == 0xC0)
                return position + 2;
            position += 1 + length;
        }
    }

    /// <summary>A name in uncompressed, lower-case wire form, as TSIG computes over it.</summary>
    private static byte[] NameWire(string name)
    {
        var wire = new List<byte>();
        foreach (var label in name.TrimEnd('.').ToLowerInvariant().Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bytes = System.Text.Encoding.ASCII.GetBytes(label);
            wire.Add((byte)bytes.Length);
            wire.AddRange(bytes);
        }
        wire.Add(0);
        return [.. wire];
    }

    private static long ReadUInt48(byte[] message, int position) =>
        ((long)BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(position)) << 32) | BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(position + 2));

    private static void WriteUInt16(List<byte> bytes, ushort value)
    {
        bytes.Add((byte)(value >> 8));
        bytes.Add((byte)value);
    }

    private static void WriteUInt32(List<byte> bytes, uint value)
    {
        WriteUInt16(bytes, (ushort)(value >> 16));
        WriteUInt16(bytes, (ushort)value);
    }

    private static void WriteUInt48(List<byte> bytes, long value)
    {
        WriteUInt16(bytes, (ushort)(value >> 32));
        WriteUInt32(bytes, (uint)value);
    }
}
