using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;

namespace Hearth.Dns.Providers.Rfc2136;

/// <summary>
/// A TSIG key (RFC 8945) as the server knows it: its name, its HMAC algorithm and the shared secret. The secret never
/// appears in <see cref="ToString"/>, messages or logs.
/// </summary>
internal sealed class TsigKey
{
    private readonly byte[] _secret;

    public TsigKey(DomainName name, TSigAlgorithm algorithm, byte[] secret)
    {
        Name = name;
        Algorithm = algorithm;
        _secret = secret;
    }

    public DomainName Name { get; }

    public TSigAlgorithm Algorithm { get; }

    /// <summary>The algorithm as BIND's configuration names it.</summary>
    public string AlgorithmName => Algorithm == TSigAlgorithm.Sha512 ? "hmac-sha512" : "hmac-sha256";

    /// <summary>A fresh TSIG record to sign one message with (the time signed is set when the message is encoded).</summary>
    public TSigRecord Sign() => new(Name, Algorithm, DateTime.UtcNow, TimeSpan.FromMinutes(5), 0, ReturnCode.NoError, null, _secret);

    /// <summary>The HMAC of <paramref name="data"/> with the key's algorithm and secret.</summary>
    public byte[] Mac(byte[] data) => Algorithm == TSigAlgorithm.Sha512 ? System.Security.Cryptography.HMACSHA512.HashData(_secret, data)
        : System.Security.Cryptography.HMACSHA256.HashData(_secret, data);

    public override string ToString() => $"TSIG key {Name} ({AlgorithmName}, secret (sensitive))";
}
