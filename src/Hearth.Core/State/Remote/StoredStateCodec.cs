using Hearth.Core.Diagnostics;

namespace Hearth.Core.State.Remote;

/// <summary>State documents ↔ the bytes a remote store (or <c>errored.hearth-state</c>) holds: serialised, then encrypted when configured.</summary>
internal sealed class StoredStateCodec(IStateEncryption? encryption, string hearthVersion)
{
    public IStateEncryption? Encryption => encryption;

    /// <summary>The stored form of <paramref name="state"/>, encrypted to the current recipients when encryption is on.</summary>
    public byte[] Encode(StateDocument state)
    {
        var plain = StateSerializer.ToBytes(state, hearthVersion);
        return encryption is null ? plain : encryption.Encrypt(plain);
    }

    public bool IsEncrypted(ReadOnlySpan<byte> stored) => encryption?.IsEncrypted(stored) == true;

    /// <exception cref="StateException">It cannot be decrypted, or is not a state document.</exception>
    public async Task<StateDocument> DecodeAsync(byte[] stored, string source, CancellationToken cancellationToken)
    {
        var plain = IsEncrypted(stored) ? await encryption!.DecryptAsync(stored, source, cancellationToken) : stored;
        try
        {
            return StateSerializer.Read(plain, source);
        }
        catch (StateException e) when (encryption is null && !LooksLikeJsonState(plain))
        {
            throw new StateException($"{source} does not hold a plain state document; it may be encrypted",
                "if the state is encrypted, set `state.encrypt_to` and make one of its age identities available (SOPS_AGE_KEY_FILE, SOPS_AGE_KEY or ~/.config/sops/age/keys.txt)", e);
        }
        catch (StateException e)
        {
            throw new StateException(e.Message, "restore an earlier version of it (object versioning, a backup), or push a good state with `hearth state push --force FILE`", e.InnerException);
        }
    }

    /// <summary>A state document starts with its <c>version</c> field; anything else is likely an encrypted one.</summary>
    private static bool LooksLikeJsonState(ReadOnlySpan<byte> content) =>
        content.TrimStart(" \t\r\n"u8).StartsWith("{"u8) && content.IndexOf("\"lineage\""u8) >= 0;
}
