using System.Security.Cryptography;
using System.Text;

namespace Hearth.Secrets.Age;

/// <summary>
/// Reads age v1 files (binary or ASCII-armored): finds an X25519 stanza one of the identities opens, checks the
/// header MAC, then decrypts the STREAM payload (ChaCha20-Poly1305 in 64 KiB chunks).
/// </summary>
public static class AgeDecryptor
{
    private const string Intro = "age-encryption.org/v1\n";
    private const string ArmorBegin = "-----BEGIN AGE ENCRYPTED FILE-----";
    private const string ArmorEnd = "-----END AGE ENCRYPTED FILE-----";
    private const int ChunkSize = 64 * 1024;
    private const int TagSize = 16;

    /// <exception cref="SecretsException">Malformed, or no identity opens it.</exception>
    public static byte[] Decrypt(byte[] file, IReadOnlyList<AgeIdentity> identities)
    {
        var data = Dearmor(file);
        var (stanzas, headerEnd, mac, payloadStart) = ParseHeader(data);
        var fileKey = Unwrap(stanzas, identities);
        var headerKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, 32, [], "header"u8.ToArray());
        var expected = HMACSHA256.HashData(headerKey, data.AsSpan(0, headerEnd));
        if (!CryptographicOperations.FixedTimeEquals(expected, mac))
            throw Invalid("its header MAC does not match");
        return DecryptPayload(fileKey, data.AsSpan(payloadStart));
    }

    private static byte[] Dearmor(byte[] file)
    {
        var text = Encoding.ASCII.GetString(file).Trim();
        if (!text.StartsWith(ArmorBegin, StringComparison.Ordinal))
            return file;
        if (!text.EndsWith(ArmorEnd, StringComparison.Ordinal))
            throw Invalid("its armor has no end line");
        var body = text[ArmorBegin.Length..^ArmorEnd.Length];
        try
        {
            return Convert.FromBase64String(string.Concat(body.Split('\n').Select(l => l.Trim())));
        }
        catch (FormatException e)
        {
            throw Invalid("its armor is not valid base64", e);
        }
    }

    private sealed record Stanza(string Type, string[] Arguments, byte[] Body);

    private static (List<Stanza> Stanzas, int HeaderEnd, byte[] Mac, int PayloadStart) ParseHeader(byte[] data)
    {
        var position = 0;
        string ReadLine()
        {
            var end = Array.IndexOf(data, (byte)'\n', position);
            if (end < 0)
                throw Invalid("its header is truncated");
            var line = Encoding.ASCII.GetString(data, position, end - position);
            position = end + 1;
            return line;
        }
        if (ReadLine() + "\n" != Intro)
            throw Invalid("it is not an age v1 file");
        var stanzas = new List<Stanza>();
        while (true)
        {
            var lineStart = position;
            var line = ReadLine();
            if (line.StartsWith("--- ", StringComparison.Ordinal))
            {
                var mac = DecodeRaw(line[4..]);
                return (stanzas, lineStart + 3, mac, position);
            }
            if (!line.StartsWith("-> ", StringComparison.Ordinal))
                throw Invalid("its header has a malformed stanza");
            var parts = line[3..].Split(' ');
            var body = new List<byte>();
            while (true)
            {
                var bodyLine = ReadLine();
                body.AddRange(DecodeRaw(bodyLine));
                if (bodyLine.Length < 64)
                    break;
            }
            stanzas.Add(new Stanza(parts[0], parts[1..], [.. body]));
        }
    }

    private static byte[] Unwrap(List<Stanza> stanzas, IReadOnlyList<AgeIdentity> identities)
    {
        foreach (var stanza in stanzas.Where(s => s.Type == "X25519" && s.Arguments.Length == 1))
        {
            var share = DecodeRaw(stanza.Arguments[0]);
            if (share.Length != 32 || stanza.Body.Length != 32)
                throw Invalid("its X25519 stanza is malformed");
            foreach (var identity in identities)
            {
                var shared = identity.Agree(share);
                var salt = share.Concat(identity.PublicKey).ToArray();
                var wrapKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, salt, "age-encryption.org/v1/X25519"u8.ToArray());
                var fileKey = new byte[16];
                try
                {
                    using var aead = new ChaCha20Poly1305(wrapKey);
                    aead.Decrypt(new byte[12], stanza.Body.AsSpan(0, 16), stanza.Body.AsSpan(16), fileKey);
                    return fileKey;
                }
                catch (AuthenticationTagMismatchException)
                {
                    // Not this identity's stanza; try the next.
                }
            }
        }
        throw new SecretsException(SecretsFailure.NoKey, "none of the available age identities can open it",
            "set SOPS_AGE_KEY_FILE (or SOPS_AGE_KEY) to the identity of one of its recipients");
    }

    private static byte[] DecryptPayload(byte[] fileKey, ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 16 + TagSize)
            throw Invalid("its payload is truncated");
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, 32, payload[..16].ToArray(), "payload"u8.ToArray());
        var ciphertext = payload[16..];
        using var aead = new ChaCha20Poly1305(key);
        var plaintext = new List<byte>(Math.Max(0, ciphertext.Length - TagSize));
        var nonce = new byte[12];
        for (long counter = 0; ; counter++)
        {
            var length = Math.Min(ChunkSize + TagSize, ciphertext.Length);
            var last = length == ciphertext.Length;
            for (var i = 0; i < 8; i++)
                nonce[10 - i] = (byte)(counter >> (8 * i));
            nonce[11] = last ? (byte)1 : (byte)0;
            var chunk = new byte[length - TagSize];
            try
            {
                aead.Decrypt(nonce, ciphertext[..(length - TagSize)], ciphertext.Slice(length - TagSize, TagSize), chunk);
            }
            catch (AuthenticationTagMismatchException e)
            {
                throw Invalid("its payload fails authentication", e);
            }
            plaintext.AddRange(chunk);
            ciphertext = ciphertext[length..];
            if (last)
                return [.. plaintext];
        }
    }

    private static byte[] DecodeRaw(string text)
    {
        var padded = text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException e)
        {
            throw Invalid("its header holds invalid base64", e);
        }
    }

    private static SecretsException Invalid(string problem, Exception? inner = null) =>
        new(SecretsFailure.InvalidFile, $"not a valid age file: {problem}", null, inner);
}
