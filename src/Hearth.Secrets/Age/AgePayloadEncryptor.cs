using System.Security.Cryptography;

namespace Hearth.Secrets.Age;

/// <summary>Seals a payload's chunks from whatever part of the plaintext the caller holds (the counterpart of <see cref="AgePayloadDecryptor"/>).</summary>
internal sealed class AgePayloadEncryptor : IDisposable
{
    private readonly ChaCha20Poly1305 _aead;
    private readonly byte[] _nonce = new byte[12];
    private long _counter;

    public AgePayloadEncryptor(byte[] fileKey, ReadOnlySpan<byte> nonce) => _aead = new ChaCha20Poly1305(AgePayload.Key(fileKey, nonce));

    /// <summary>The last chunk is sealed.</summary>
    public bool Finished { get; private set; }

    /// <summary>
    /// Seals the whole chunks at the start of <paramref name="plaintext"/> into <paramref name="sealedData"/> while it has
    /// room. A chunk is the last when nothing follows it, so until <paramref name="final"/>, a chunk is sealed only when at
    /// least one byte after it is at hand; an empty plaintext is one empty last chunk.
    /// </summary>
    public void Encrypt(ReadOnlySpan<byte> plaintext, Span<byte> sealedData, bool final, out int consumed, out int written)
    {
        (consumed, written) = (0, 0);
        while (!Finished)
        {
            var remaining = plaintext.Length - consumed;
            var last = remaining <= AgePayload.ChunkSize;
            if (last && !final)
                return;
            var length = last ? remaining : AgePayload.ChunkSize;
            if (sealedData.Length - written < length + AgePayload.TagSize)
                return;
            AgePayload.SetChunkNonce(_nonce, _counter, last);
            _aead.Encrypt(_nonce, plaintext.Slice(consumed, length), sealedData.Slice(written, length),
                sealedData.Slice(written + length, AgePayload.TagSize));
            consumed += length;
            written += length + AgePayload.TagSize;
            _counter++;
            Finished = last;
        }
    }

    public void Dispose() => _aead.Dispose();
}
