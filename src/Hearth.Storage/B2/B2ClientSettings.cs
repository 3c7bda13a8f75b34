namespace Hearth.Storage.B2;

/// <summary>
/// How a <see cref="B2Client"/> reaches B2: the key it authorises with, where (the authorisation endpoint; later
/// calls go where the authorisation says), and how patiently it retries. The key never prints.
/// </summary>
internal sealed record B2ClientSettings(
    string ApplicationKeyId,
    string ApplicationKey,
    Uri Endpoint,
    int Retries,
    TimeSpan RetryDelay,
    TimeSpan MaxRetryDelay,
    TimeSpan Timeout)
{
    public static readonly Uri DefaultEndpoint = new("https://api.backblazeb2.com");

    /// <summary>Retries after the first attempt: with the backoff below, about a minute of a busy or rate-limiting B2.</summary>
    public const int DefaultRetries = 5;

    public static B2ClientSettings For(string applicationKeyId, string applicationKey, Uri? endpoint = null) => new(
        applicationKeyId, applicationKey, endpoint ?? DefaultEndpoint, DefaultRetries, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("ApplicationKeyId = ").Append(ApplicationKeyId).Append(", ApplicationKey = (sensitive), Endpoint = ").Append(Endpoint)
            .Append(", Retries = ").Append(Retries);
        return true;
    }
}
