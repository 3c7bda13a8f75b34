using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Hearth.Storage.S3;

/// <summary>Builds the AWS SDK client the S3 state backend talks through, for AWS or any S3-compatible endpoint.</summary>
internal static class S3ClientFactory
{
    public static AmazonS3Client Create(S3StateOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.PathStyle,
            // SDK v4 adds CRC32 checksums (and aws-chunked bodies carrying them as trailers) to every upload by
            // default; B2, s3rver and older MinIO reject or mishandle them. State objects are small and whole.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = options.MaxRetries,
            Timeout = options.RequestTimeout,
        };
        if (options.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            // With a custom endpoint the SDK cannot infer the region from the host; SigV4 needs the right one.
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        return options.AccessKey is { } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, options.SecretKey ?? ""), config)
            : new AmazonS3Client(config);
    }
}
