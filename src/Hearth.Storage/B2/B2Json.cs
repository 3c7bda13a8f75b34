using System.Text.Json.Serialization;

namespace Hearth.Storage.B2;

/// <summary>The B2 native API's JSON (camelCase; absent optional fields are left out), through source generation.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(B2Authorization))]
[JsonSerializable(typeof(B2UploadUrl))]
[JsonSerializable(typeof(B2FileVersion))]
[JsonSerializable(typeof(B2FileVersionPage))]
[JsonSerializable(typeof(B2DeletedFileVersion))]
[JsonSerializable(typeof(B2Error))]
[JsonSerializable(typeof(B2Bucket))]
[JsonSerializable(typeof(B2BucketList))]
[JsonSerializable(typeof(B2Key))]
[JsonSerializable(typeof(B2KeyList))]
[JsonSerializable(typeof(B2BucketIdRequest))]
[JsonSerializable(typeof(B2ListFileVersionsRequest))]
[JsonSerializable(typeof(B2FileNameRequest))]
[JsonSerializable(typeof(B2ListBucketsRequest))]
[JsonSerializable(typeof(B2CreateBucketRequest))]
[JsonSerializable(typeof(B2UpdateBucketRequest))]
[JsonSerializable(typeof(B2DeleteBucketRequest))]
[JsonSerializable(typeof(B2CreateKeyRequest))]
[JsonSerializable(typeof(B2ListKeysRequest))]
[JsonSerializable(typeof(B2DeleteKeyRequest))]
internal sealed partial class B2Json : JsonSerializerContext;
