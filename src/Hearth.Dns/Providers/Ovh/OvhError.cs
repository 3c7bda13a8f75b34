namespace Hearth.Dns.Providers.Ovh;

/// <summary>An error body, in either of the two shapes the API uses (<c>class</c> or <c>errorCode</c>, with <c>message</c>).</summary>
internal sealed class OvhError
{
    public string? Class { get; set; }

    public string? ErrorCode { get; set; }

    public string? Message { get; set; }

    public override string ToString() => (ErrorCode ?? Class, Message) switch
    {
        ({ } code, { } message) => $"{code}: {message}",
        (null, { } message) => message,
        ({ } code, null) => code,
        _ => "no details",
    };
}
