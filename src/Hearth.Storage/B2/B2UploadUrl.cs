namespace Hearth.Storage.B2;

/// <summary>The answer of <c>b2_get_upload_url</c>: one upload at a time may use the URL with its own token.</summary>
internal sealed record B2UploadUrl(string BucketId, string UploadUrl, string AuthorizationToken)
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("BucketId = ").Append(BucketId).Append(", UploadUrl = ").Append(UploadUrl).Append(", AuthorizationToken = (sensitive)");
        return true;
    }
}
