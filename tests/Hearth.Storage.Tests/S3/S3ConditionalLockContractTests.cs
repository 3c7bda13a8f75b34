using Hearth.Storage.S3;
using Hearth.Testing.S3;

namespace Hearth.Storage.Tests.S3;

/// <summary>A server that honours conditional writes as AWS S3 does: If-Match state writes and the lock object made with If-None-Match.</summary>
public sealed class S3ConditionalLockContractTests : FakeS3ContractTests
{
    protected override FakeS3ConditionalWrites ConditionalWrites => FakeS3ConditionalWrites.Honours;

    protected override bool VersionedBucket => false;

    protected override S3LockMode LockMode => S3LockMode.Conditional;
}
