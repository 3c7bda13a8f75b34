using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hearth.Dns.Providers.Ovh;

/// <summary>
/// The <c>X-Ovh-Signature</c> of a request: <c>$1$</c> and the SHA-1 of secret, consumer key, method, full URL, body
/// and timestamp joined with <c>+</c> (shared/specs/ovh-api.md §2).
/// </summary>
internal static class OvhSignature
{
    public static string Sign(string applicationSecret, string consumerKey, string method, string url, string body, long timestamp)
    {
        var text = string.Join('+', applicationSecret, consumerKey, method, url, body, timestamp.ToString(CultureInfo.InvariantCulture));
#pragma warning disable CA5350 // SHA-1 is what the API's signature scheme ("$1$") is defined with; it is not our choice to make.
        return "$1$" + Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5350
    }
}
