namespace Hearth.Storage.B2;

/// <summary>The answer of <c>b2_list_buckets</c>.</summary>
internal sealed record B2BucketList(List<B2Bucket> Buckets);
