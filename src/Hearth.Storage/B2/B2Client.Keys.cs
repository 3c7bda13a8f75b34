namespace Hearth.Storage.B2;

internal sealed partial class B2Client
{
    /// <summary>Keys per <c>b2_list_keys</c> page.</summary>
    public const int KeyPageSize = 1000;

    /// <summary>
    /// Creates an application key (capability <c>writeKeys</c>). The answer is the only place its secret,
    /// <see cref="B2Key.ApplicationKey"/>, ever appears: store it before anything else can fail.
    /// </summary>
    public async Task<B2Key> CreateKeyAsync(B2NewKey key, CancellationToken cancellationToken)
    {
        var created = await CallAsync("b2_create_key", (authorization, token) => PostOnceAsync(authorization, "b2_create_key",
            B2CreateKeyRequest.For(authorization.AccountId, key), B2Json.Default.B2CreateKeyRequest, B2Json.Default.B2Key, token), cancellationToken);
        if (created.ApplicationKey is { } secret)
            Remember(secret);
        return created;
    }

    /// <summary>Every key of the account (capability <c>listKeys</c>), page after page; no secrets.</summary>
    public async Task<List<B2Key>> ListKeysAsync(CancellationToken cancellationToken)
    {
        var keys = new List<B2Key>();
        string? start = null;
        do
        {
            var from = start;
            var page = await CallAsync("b2_list_keys", (authorization, token) => PostOnceAsync(authorization, "b2_list_keys",
                new B2ListKeysRequest(authorization.AccountId, KeyPageSize, from), B2Json.Default.B2ListKeysRequest, B2Json.Default.B2KeyList, token),
                cancellationToken);
            keys.AddRange(page.Keys);
            start = page.NextApplicationKeyId;
        }
        while (start is not null);
        return keys;
    }

    /// <summary>Deletes a key (capability <c>deleteKeys</c>); an unknown id is 400 <c>bad_request</c>.</summary>
    public Task<B2Key> DeleteKeyAsync(string applicationKeyId, CancellationToken cancellationToken) =>
        CallAsync("b2_delete_key", (authorization, token) => PostOnceAsync(authorization, "b2_delete_key",
            new B2DeleteKeyRequest(applicationKeyId), B2Json.Default.B2DeleteKeyRequest, B2Json.Default.B2Key, token), cancellationToken);
}
