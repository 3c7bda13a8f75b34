using Hearth.Storage.B2;
using Hearth.Testing.B2;

namespace Hearth.Storage.Tests.B2;

/// <summary>Clients of a <see cref="FakeB2"/> as the tests open them: short retries whose waits are recorded, not waited.</summary>
internal static class B2TestConnections
{
    public static B2ClientSettings Settings(FakeB2Key key, int retries = 3) =>
        new(key.ApplicationKeyId, key.ApplicationKey, new Uri(FakeB2.BaseUrl), retries, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10));

    public static B2Client Client(FakeB2 fake, FakeB2Key? key = null, RecordingDelays? delays = null, int retries = 3) =>
        new(fake, Settings(key ?? fake.MasterKey, retries), delays ?? new RecordingDelays());

    public static B2StateStore Store(FakeB2 fake, string bucket, string key, FakeB2Key? applicationKey = null, int keepVersions = B2StateOptions.DefaultKeepVersions)
    {
        var credentials = applicationKey ?? fake.MasterKey;
        var options = new B2StateOptions(bucket, key, credentials.ApplicationKeyId, credentials.ApplicationKey)
        {
            Endpoint = new Uri(FakeB2.BaseUrl),
            KeepVersions = keepVersions,
        };
        return new B2StateStore(options, Settings(credentials), fake, new RecordingDelays());
    }

    public static B2ObjectVersions Versions(B2Client client, string bucket, string fileName, int pageSize = B2ObjectVersions.DefaultPageSize) =>
        new(new B2BucketReference(client, bucket), fileName, pageSize);
}
