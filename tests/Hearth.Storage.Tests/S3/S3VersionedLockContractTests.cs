using Hearth.Storage.S3;
using Hearth.Testing.S3;

namespace Hearth.Storage.Tests.S3;

/// <summary>A server that answers 501 to conditional writes, as B2's S3 endpoint does, on a versioned bucket: the versioned lock.</summary>
public sealed class S3VersionedLockContractTests : FakeS3ContractTests
{
    protected override FakeS3ConditionalWrites ConditionalWrites => FakeS3ConditionalWrites.NotImplemented;

    protected override bool VersionedBucket => true;

    protected override S3LockMode LockMode => S3LockMode.Versioned;

    protected override bool ComparesAndSwaps => false;
}
