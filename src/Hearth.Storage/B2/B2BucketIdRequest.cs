namespace Hearth.Storage.B2;

/// <summary>The body of <c>b2_get_upload_url</c>.</summary>
internal sealed record B2BucketIdRequest(string BucketId);
