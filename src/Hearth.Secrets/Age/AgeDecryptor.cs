namespace Hearth.Secrets.Age;

/// <summary>
/// Reads age v1 files (binary or ASCII-armored): finds a stanza one of the identities opens, checks the header MAC,
/// then decrypts the STREAM payload (ChaCha20-Poly1305 in 64 KiB chunks). Files in memory and streams go through the
/// same header parser, armor decoder and chunk decryptor.
/// </summary>
public static class AgeDecryptor
{
    /// <exception cref="SecretsException">Malformed, or no identity opens it.</exception>
    public static byte[] Decrypt(byte[] file, IReadOnlyList<AgeIdentity> identities) => Decrypt(file, (IReadOnlyList<IAgeIdentity>)identities);

    /// <exception cref="SecretsException">Malformed, or no identity (X25519 key or passphrase) opens it.</exception>
    public static byte[] Decrypt(byte[] file, IReadOnlyList<IAgeIdentity> identities)
    {
        var data = AgeInputBuffer.Binary(file);
        if (!AgeHeader.TryParse(data, out var header, out var length))
            throw AgeFormat.Invalid("its header is truncated");
        var fileKey = header.Open(identities);
        var payload = data[length..];
        if (payload.Length < AgePayload.NonceSize)
            throw AgeFormat.Invalid("it ends before its payload");
        using var decryptor = new AgePayloadDecryptor(fileKey, payload[..AgePayload.NonceSize]);
        var sealedData = payload[AgePayload.NonceSize..];
        var plaintext = new byte[AgePayload.PlaintextLength(sealedData.Length)];
        decryptor.Decrypt(sealedData, plaintext, final: true, out _, out var written);
        if (!decryptor.Finished || written != plaintext.Length)
            throw AgeFormat.Invalid("its payload is truncated");
        return plaintext;
    }

    /// <summary>
    /// Decrypts the age file read from <paramref name="input"/> to <paramref name="output"/>, holding about 2 MiB
    /// whatever its size. Plaintext is written as it is authenticated, up to a MiB at a time: when this throws,
    /// <paramref name="output"/> may hold the start of it (see <see cref="AgeReader"/>).
    /// </summary>
    /// <exception cref="SecretsException">Malformed, truncated, changed, or no identity opens it.</exception>
    public static async Task DecryptAsync(Stream input, Stream output, IReadOnlyList<IAgeIdentity> identities, CancellationToken cancellationToken)
    {
        var reader = await AgeReader.OpenAsync(input, cancellationToken);
        await reader.DecryptToAsync(output, identities, cancellationToken);
    }
}
