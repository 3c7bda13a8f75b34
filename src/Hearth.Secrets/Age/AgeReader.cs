namespace Hearth.Secrets.Age;

/// <summary>
/// One age file (binary or armored) read from a stream without holding it in memory. <see cref="OpenAsync"/> reads
/// the header, so a caller can tell whether it needs a passphrase before asking for one; <see cref="DecryptToAsync"/>
/// then streams the plaintext out, each 64 KiB chunk written only once it is authenticated.
/// </summary>
public sealed class AgeReader
{
    /// <summary>Plaintext written per call: sixteen chunks.</summary>
    private const int WriteSize = 16 * AgePayload.ChunkSize;

    private readonly AgeInputBuffer _input;
    private readonly AgeHeader _header;
    private bool _decrypted;

    private AgeReader(AgeInputBuffer input, AgeHeader header) => (_input, _header) = (input, header);

    /// <summary>The file is encrypted with a passphrase (an scrypt stanza), not to recipients.</summary>
    public bool IsPassphraseEncrypted => _header.IsPassphraseEncrypted;

    /// <summary>Reads the header of the age file at the start of <paramref name="input"/>.</summary>
    /// <exception cref="SecretsException">It is not an age file, or its header or armor is malformed or truncated.</exception>
    public static async Task<AgeReader> OpenAsync(Stream input, CancellationToken cancellationToken)
    {
        var buffer = await AgeInputBuffer.OpenAsync(input, cancellationToken);
        AgeHeader? header;
        int length;
        while (!AgeHeader.TryParse(buffer.Available, out header, out length))
        {
            if (buffer.Ended)
                throw AgeFormat.Invalid("its header is truncated");
            if (buffer.Available.Length >= AgeInputBuffer.MaxHeaderSize)
                throw AgeFormat.Invalid($"its header is larger than {AgeInputBuffer.MaxHeaderSize >> 20} MiB");
            await buffer.FillAsync(buffer.Available.Length + 1, cancellationToken);
        }
        buffer.Consume(length);
        return new AgeReader(buffer, header);
    }

    /// <summary>
    /// Decrypts the payload to <paramref name="output"/> with the first identity that opens the file. Plaintext is
    /// written as it is authenticated, up to a MiB at a time, so when this throws, <paramref name="output"/> may hold the start
    /// of it: a caller writing a file keeps it only when this returns.
    /// </summary>
    /// <exception cref="SecretsException">
    /// No identity opens it (<see cref="SecretsFailure.NoKey"/>), or it is truncated, changed or extended
    /// (<see cref="SecretsFailure.InvalidFile"/>).
    /// </exception>
    public async Task DecryptToAsync(Stream output, IReadOnlyList<IAgeIdentity> identities, CancellationToken cancellationToken)
    {
        if (_decrypted)
            throw new InvalidOperationException("the payload was read already");
        _decrypted = true;
        var fileKey = _header.Open(identities);
        await _input.FillAsync(AgePayload.NonceSize, cancellationToken);
        if (_input.Available.Length < AgePayload.NonceSize)
            throw AgeFormat.Invalid("it ends before its payload");
        using var decryptor = new AgePayloadDecryptor(fileKey, _input.Available[..AgePayload.NonceSize]);
        _input.Consume(AgePayload.NonceSize);
        var plaintext = new byte[WriteSize];
        while (!decryptor.Finished)
        {
            // One byte past a chunk tells whether it is the last.
            await _input.FillAsync(AgePayload.SealedChunkSize + 1, cancellationToken);
            decryptor.Decrypt(_input.Available, plaintext, _input.Ended, out var consumed, out var written);
            _input.Consume(consumed);
            await output.WriteAsync(plaintext.AsMemory(0, written), cancellationToken);
        }
    }
}
