using System.Net;
using System.Net.Sockets;
using Amazon.S3;
using Hearth.Core.Diagnostics;

namespace Hearth.Storage.S3;

/// <summary>
/// Recognises the S3 answers the state backend acts on and turns the rest into <see cref="StateException"/>s that
/// say what failed, where and what to do. No message carries a credential: the SDK's own exceptions name neither
/// key, and ours name the bucket and endpoint only.
/// </summary>
internal static class S3Failures
{
    public static bool IsPreconditionFailed(AmazonS3Exception e) => e.StatusCode == HttpStatusCode.PreconditionFailed;

    /// <summary>AWS answers 409 ConditionalRequestConflict when another conditional write on the key is in flight.</summary>
    public static bool IsConditionalConflict(AmazonS3Exception e) => e.StatusCode == HttpStatusCode.Conflict;

    public static bool IsNotImplemented(AmazonS3Exception e) =>
        e.StatusCode == HttpStatusCode.NotImplemented || string.Equals(e.ErrorCode, "NotImplemented", StringComparison.Ordinal);

    /// <summary>The object or version is not there (not the bucket: a missing bucket is an error).</summary>
    public static bool IsMissingObject(AmazonS3Exception e) =>
        (e.StatusCode == HttpStatusCode.NotFound && !string.Equals(e.ErrorCode, "NoSuchBucket", StringComparison.Ordinal))
        // GET of a version that is a delete marker.
        || e.StatusCode == HttpStatusCode.MethodNotAllowed;

    /// <summary>Runs one S3 call and translates its failure; <paramref name="doing"/> completes "… failed" (<c>reading the state</c>).</summary>
    public static async Task<T> GuardAsync<T>(S3StateOptions options, string doing, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is not HearthException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw Translate(e, options, doing);
        }
    }

    public static async Task GuardAsync(S3StateOptions options, string doing, Func<Task> call, CancellationToken cancellationToken) =>
        await GuardAsync(options, doing, async () =>
        {
            await call();
            return true;
        }, cancellationToken);

    public static StateException Translate(Exception e, S3StateOptions options, string doing)
    {
        var where = $"bucket {options.Bucket} at {options.EndpointText}";
        return e switch
        {
            AmazonS3Exception { ErrorCode: "NoSuchBucket" } => new StateException(
                $"{doing} failed: {where} does not exist",
                "create the bucket, or correct state.bucket, state.endpoint or state.region in the lab", e),
            AmazonS3Exception { ErrorCode: "InvalidAccessKeyId" } => new StateException(
                $"{doing} failed: {options.EndpointText} does not know the access key in state.access_key",
                "check state.access_key and state.secret_key (and the secrets file they come from)", e),
            AmazonS3Exception { ErrorCode: "SignatureDoesNotMatch" } => new StateException(
                $"{doing} failed: {options.EndpointText} rejected the request's signature",
                "check state.secret_key, and state.region (the signing region must be the server's)", e),
            AmazonS3Exception { StatusCode: HttpStatusCode.Forbidden } or AmazonS3Exception { ErrorCode: "AccessDenied" } => new StateException(
                $"{doing} failed: {where} denied access to the configured key",
                "give the key read, write, list and delete rights on the bucket (and on its versions for the versioned lock)", e),
            AmazonS3Exception { StatusCode: HttpStatusCode.MovedPermanently } or AmazonS3Exception { ErrorCode: "PermanentRedirect" or "AuthorizationHeaderMalformed" } => new StateException(
                $"{doing} failed: {where} belongs to another region than {options.Region}",
                "set state.region to the bucket's region", e),
            AmazonS3Exception s3 => new StateException(
                $"{doing} failed: {where} answered {(int)s3.StatusCode} {s3.ErrorCode}: {s3.Message}",
                "retry; if it persists, check the server's status", e),
            _ when Unreachable(e) => new StateException(
                $"{doing} failed: cannot reach {options.EndpointText} ({Innermost(e).Message})",
                "check state.endpoint, the network and that the server is running; the request was retried " +
                $"{options.MaxRetries} times", e),
            TaskCanceledException or TimeoutException => new StateException(
                $"{doing} failed: {options.EndpointText} did not answer within {options.RequestTimeout.TotalSeconds:0} s",
                "check the network and the server's status, then retry", e),
            _ => new StateException($"{doing} failed at {where}: {e.Message}", "retry; if it persists, run with --debug and report it", e),
        };
    }

    private static bool Unreachable(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException or SocketException or IOException)
                return true;
        }
        return false;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }
}
