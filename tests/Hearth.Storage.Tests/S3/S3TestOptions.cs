using Hearth.Storage.S3;
using Hearth.Testing.S3;

namespace Hearth.Storage.Tests.S3;

/// <summary>Options for a fresh state key on the fake or on s3rver, with short delays so tests stay quick.</summary>
internal static class S3TestOptions
{
    public static S3StateOptions OnFake(FakeS3Server fake, string bucket, S3LockMode lockMode) =>
        new(bucket, NewKey(), FakeS3Server.Region)
        {
            Endpoint = fake.Endpoint,
            PathStyle = true,
            AccessKey = FakeS3Server.AccessKey,
            SecretKey = FakeS3Server.SecretKey,
            Lock = lockMode,
            MaxRetries = 3,
            // Far above a loopback upload, so a contender never steps back for slowness (which would be safe, but
            // would let others name it as the holder it then is not).
            VersionedLockSettleDelay = TimeSpan.FromMilliseconds(500),
        };

    public static S3StateOptions OnS3rver(S3rverServer server, S3LockMode lockMode) =>
        new(S3rverServer.Bucket, NewKey(), S3rverServer.Region)
        {
            Endpoint = server.Endpoint,
            PathStyle = true,
            AccessKey = S3rverServer.AccessKey,
            SecretKey = S3rverServer.SecretKey,
            Lock = lockMode,
            MaxRetries = 2,
        };

    private static string NewKey() => $"labs/{Guid.NewGuid():N}/state.json";
}
