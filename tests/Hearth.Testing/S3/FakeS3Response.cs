using System.Security;
using System.Text;

namespace Hearth.Testing.S3;

/// <summary>An answer of <see cref="FakeS3Server"/>, built under its lock and written to the wire after.</summary>
internal sealed record FakeS3Response(int Status, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    /// <summary>Whether HEAD answers carry the length of the body GET would send (and no body).</summary>
    public long? HeadLength { get; init; }

    public static FakeS3Response Empty(int status, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, [], headers ?? new Dictionary<string, string>());

    public static FakeS3Response Xml(int status, string xml, IReadOnlyDictionary<string, string>? headers = null)
    {
        var all = new Dictionary<string, string>(headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/xml",
        };
        return new FakeS3Response(status, Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml), all);
    }

    /// <summary>S3's error document.</summary>
    public static FakeS3Response Error(int status, string code, string message, string resource, IReadOnlyDictionary<string, string>? headers = null) =>
        Xml(status, $"<Error><Code>{code}</Code><Message>{Escape(message)}</Message><Resource>{Escape(resource)}</Resource>" +
            $"<RequestId>{Guid.NewGuid():N}</RequestId></Error>", headers);

    public static string Escape(string text) => SecurityElement.Escape(text);
}
