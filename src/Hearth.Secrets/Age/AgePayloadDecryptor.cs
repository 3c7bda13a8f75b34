using System.Security.Cryptography;

namespace Hearth.Secrets.Age;

/// <summary>
/// Opens a payload's chunks from whatever part of it the caller holds, so a file in memory and a stream of any
/// size go through the same code. Refuses what age refuses: a missing last chunk, an empty last chunk after
/// others, and data after the last chunk.
/// </summary>
internal sealed class AgePayloadDecryptor : IDisposable
{
    private readonly ChaCha20Poly1305 _aead;
    private readonly byte[] _nonce = new byte[12];
    private long _counter;

    public AgePayloadDecryptor(byte[] fileKey, ReadOnlySpan<byte> nonce) => _aead = new ChaCha20Poly1305(AgePayload.Key(fileKey, nonce));

    /// <summary>The last chunk is open: the payload is complete and authentic.</summary>
    public bool Finished { get; private set; }

    /// <summary>
    /// Opens the whole chunks at the start of <paramref name="sealedData"/> into <paramref name="plaintext"/> while it has room.
    /// The last chunk is the one nothing follows, so until <paramref name="final"/> says the data runs to the end of the
    /// payload, a chunk is opened only when at least one byte after it is at hand.
    /// </summary>
    /// <exception cref="SecretsException">The payload is truncated, changed or extended.</exception>
    public void Decrypt(ReadOnlySpan<byte> sealedData, Span<byte> plaintext, bool final, out int consumed, out int written)
    {
        (consumed, written) = (0, 0);
        while (!Finished)
        {
            var remaining = sealedData.Length - consumed;
            var last = remaining <= AgePayload.SealedChunkSize;
            if (last && !final)
                return;
            var length = last ? remaining : AgePayload.SealedChunkSize;
            if (length < AgePayload.TagSize)
                throw AgeFormat.Invalid("its payload is truncated");
            if (length == AgePayload.TagSize && _counter > 0)
                throw AgeFormat.Invalid("its last chunk is empty, which only the chunk of an empty file may be");
            if (plaintext.Length - written < length - AgePayload.TagSize)
                return;
            Open(sealedData.Slice(consumed, length), plaintext.Slice(written, length - AgePayload.TagSize), last);
            consumed += length;
            written += length - AgePayload.TagSize;
            _counter++;
            Finished = last;
        }
    }

    private void Open(ReadOnlySpan<byte> chunk, Span<byte> plaintext, bool last)
    {
        var ciphertext = chunk[..^AgePayload.TagSize];
        var tag = chunk[^AgePayload.TagSize..];
        if (TryOpen(ciphertext, tag, plaintext, last))
            return;
        // A full chunk that opens only as the last one, with more data after it: something was appended.
        if (!last && TryOpen(ciphertext, tag, plaintext, last: true))
        {
            plaintext.Clear();
            throw AgeFormat.Invalid("it has data after the end of its encrypted payload");
        }
        throw AgeFormat.Invalid($"its payload fails authentication at chunk {_counter} (it was truncated, changed or damaged)");
    }

    private bool TryOpen(ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, bool last)
    {
        AgePayload.SetChunkNonce(_nonce, _counter, last);
        try
        {
            _aead.Decrypt(_nonce, ciphertext, tag, plaintext);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    public void Dispose() => _aead.Dispose();
}
