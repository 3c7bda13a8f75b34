namespace Hearth.Storage.B2;

/// <summary>The v3 answer of <c>b2_authorize_account</c>: the account token and where to send later calls.</summary>
internal sealed record B2Authorization(string AccountId, string AuthorizationToken, B2ApiInfo ApiInfo, long? ApplicationKeyExpirationTimestamp)
{
    public B2StorageApi Storage => ApiInfo.StorageApi;

    /// <summary>The token is never printed, even by a record's generated <c>ToString</c>.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("AccountId = ").Append(AccountId).Append(", AuthorizationToken = (sensitive), ApiUrl = ").Append(Storage.ApiUrl);
        return true;
    }
}
