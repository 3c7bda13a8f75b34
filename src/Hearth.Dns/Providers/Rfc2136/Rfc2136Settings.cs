using System.Net;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using Hearth.Core.Diagnostics;
using Hearth.Core.Resources;
using Hearth.Core.Values;

namespace Hearth.Dns.Providers.Rfc2136;

/// <summary>
/// <c>providers.rfc2136</c>: the primary server that takes updates and transfers, and the TSIG key it checks:
/// <c>{ server: 127.0.0.1, port: 53, tsig: { name: hearth, algorithm: hmac-sha256, secret: … }, timeout: 10 }</c>.
/// </summary>
internal sealed record Rfc2136Settings(string Server, int Port, TsigKey Tsig, TimeSpan Timeout)
{
    public const int DefaultPort = 53;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <exception cref="ResourceException">A setting is missing or malformed; every problem is named.</exception>
    public static Rfc2136Settings From(MapValue settings)
    {
        var problems = new List<string>();
        var server = settings.GetString("server");
        if (string.IsNullOrWhiteSpace(server))
            problems.Add("server is missing (the primary's address or name, e.g. 127.0.0.1)");
        var port = settings.GetNumber("port") ?? DefaultPort;
        if (port is < 1 or > 65535 || port != decimal.Truncate(port))
            problems.Add($"port {port} is not a port number (1-65535)");
        var timeout = settings.GetNumber("timeout") is { } seconds ? TimeSpan.FromSeconds((double)seconds) : DefaultTimeout;
        if (timeout <= TimeSpan.Zero)
            problems.Add("timeout must be a positive number of seconds");
        var tsig = settings.Get("tsig")?.Unmarked() is MapValue map ? ReadKey(map, problems) : null;
        if (settings.Get("tsig") is null)
            problems.Add("tsig is missing: updates and transfers are signed with a TSIG key (tsig: { name, algorithm, secret })");
        if (problems.Count > 0 || tsig is null)
        {
            throw new ResourceException($"providers.rfc2136 is not usable: {string.Join("; ", problems)}",
                "see docs/dns.md#rfc2136 for the settings");
        }
        return new Rfc2136Settings(server!.Trim(), (int)port, tsig, timeout);
    }

    /// <summary>The server's addresses: the address itself, or the name resolved by the system resolver.</summary>
    public async Task<IPAddress[]> AddressesAsync(CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(Server, out var address))
            return [address];
        try
        {
            return await System.Net.Dns.GetHostAddressesAsync(Server, cancellationToken);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new ResourceException($"the rfc2136 server name {Server} does not resolve: {e.Message}",
                "check providers.rfc2136.server, or give the server's address", e);
        }
    }

    private static TsigKey? ReadKey(MapValue tsig, List<string> problems)
    {
        var name = tsig.GetString("name");
        DomainName? keyName = null;
        if (string.IsNullOrWhiteSpace(name))
            problems.Add("tsig.name is missing (the key's name in the server's configuration)");
        else if (!DomainName.TryParse(name.Trim(), out keyName))
            problems.Add($"tsig.name `{name}` is not a key name");
        var algorithm = (tsig.GetString("algorithm") ?? "hmac-sha256").Trim().ToLowerInvariant() switch
        {
            "hmac-sha256" => TSigAlgorithm.Sha256,
            "hmac-sha512" => TSigAlgorithm.Sha512,
            var other => Unsupported(other, problems),
        };
        byte[]? secret = null;
        if (tsig.GetString("secret") is not { Length: > 0 } text)
            problems.Add("tsig.secret is missing (the key's base64 secret, best from a secret file)");
        else
        {
            try
            {
                secret = Convert.FromBase64String(text.Trim());
            }
            catch (FormatException)
            {
                problems.Add("tsig.secret is not base64 (copy the secret from the key's `secret \"…\";` line)");
            }
        }
        return keyName is null || algorithm == TSigAlgorithm.Unknown || secret is null ? null : new TsigKey(keyName, algorithm, secret);
    }

    private static TSigAlgorithm Unsupported(string algorithm, List<string> problems)
    {
        problems.Add($"tsig.algorithm `{algorithm}` is not supported: use hmac-sha256 or hmac-sha512");
        return TSigAlgorithm.Unknown;
    }
}
