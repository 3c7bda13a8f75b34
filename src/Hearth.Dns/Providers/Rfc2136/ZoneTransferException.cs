using ARSoft.Tools.Net.Dns;

namespace Hearth.Dns.Providers.Rfc2136;

/// <summary>A zone transfer that did not complete: the server's answer code and what went wrong.</summary>
internal sealed class ZoneTransferException(ReturnCode code, string message) : Exception(message)
{
    public ReturnCode Code { get; } = code;
}
