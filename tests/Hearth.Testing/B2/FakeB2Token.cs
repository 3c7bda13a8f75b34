namespace Hearth.Testing.B2;

/// <summary>An account token (<see cref="UploadBucketId"/> null) or an upload URL's token, and the key it acts for.</summary>
internal sealed record FakeB2Token(string Value, string ApplicationKeyId, DateTimeOffset Issued, string? UploadBucketId = null, bool Expired = false);
