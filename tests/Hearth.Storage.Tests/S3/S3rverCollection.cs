using Hearth.Testing.S3;

namespace Hearth.Storage.Tests.S3;

[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverServer>
{
    public const string Name = "s3rver";
}
