using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Hearth.Secrets.Sops;

/// <summary>
/// SOPS's value encryption: <c>ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]</c>, AES-256-GCM with a 32-byte IV
/// (BouncyCastle; .NET's AesGcm takes only 12-byte nonces) and the key path as additional data.
/// </summary>
public static partial class SopsValueCipher
{
    private const int IvSize = 32;
    private const int TagBits = 128;

    /// <summary>Encrypts a value (string, long, double or bool) at <paramref name="additionalData"/>; an empty string stays empty.</summary>
    public static string Encrypt(object value, byte[] dataKey, string additionalData, SopsIvStash? stash = null) =>
        value is "" ? "" : Seal(SopsPlaintext.Bytes(value), SopsPlaintext.TypeName(value), dataKey, additionalData, stash);

    /// <summary>Encrypts a comment's text (what follows the <c>#</c>).</summary>
    public static string EncryptComment(string text, byte[] dataKey, string additionalData, SopsIvStash? stash = null) =>
        text.Length == 0 ? "" : Seal(Encoding.UTF8.GetBytes(text), "comment", dataKey, additionalData, stash);

    private static string Seal(byte[] plaintext, string type, byte[] dataKey, string additionalData, SopsIvStash? stash)
    {
        var iv = stash?.Find(additionalData, plaintext) ?? System.Security.Cryptography.RandomNumberGenerator.GetBytes(IvSize);
        var gcm = new GcmBlockCipher(new AesEngine());
        gcm.Init(true, new AeadParameters(new KeyParameter(dataKey), TagBits, iv, Encoding.UTF8.GetBytes(additionalData)));
        var output = new byte[gcm.GetOutputSize(plaintext.Length)];
        var written = gcm.ProcessBytes(plaintext, 0, plaintext.Length, output, 0);
        gcm.DoFinal(output, written);
        var tagStart = output.Length - TagBits / 8;
        return $"ENC[AES256_GCM,data:{Convert.ToBase64String(output, 0, tagStart)},iv:{Convert.ToBase64String(iv)},tag:{Convert.ToBase64String(output, tagStart, TagBits / 8)},type:{type}]";
    }

    /// <summary>True when <paramref name="text"/> has the shape of an encrypted value.</summary>
    public static bool IsEncrypted(string text) => EncryptedValue().IsMatch(text);

    /// <summary>Decrypts one value; returns it typed and the exact plaintext bytes (which the MAC covers).</summary>
    /// <exception cref="SecretsException">The value is malformed or does not authenticate under this key and path.</exception>
    public static (object? Value, byte[] Plaintext) Decrypt(string text, byte[] dataKey, string additionalData, SopsIvStash? stash = null)
    {
        var match = EncryptedValue().Match(text);
        if (!match.Success)
            throw new SecretsException(SecretsFailure.InvalidFile, "a value is not in SOPS's ENC[AES256_GCM,…] form");
        byte[] data, iv, tag;
        try
        {
            (data, iv, tag) = (CanonicalBase64(match.Groups[1].Value), CanonicalBase64(match.Groups[2].Value), CanonicalBase64(match.Groups[3].Value));
        }
        catch (FormatException e)
        {
            throw new SecretsException(SecretsFailure.InvalidFile, $"the value at `{additionalData.TrimEnd(':')}` holds invalid base64", Damaged, e);
        }
        var gcm = new GcmBlockCipher(new AesEngine());
        gcm.Init(false, new AeadParameters(new KeyParameter(dataKey), TagBits, iv, Encoding.UTF8.GetBytes(additionalData)));
        var input = data.Concat(tag).ToArray();
        var plaintext = new byte[gcm.GetOutputSize(input.Length)];
        try
        {
            var written = gcm.ProcessBytes(input, 0, input.Length, plaintext, 0);
            gcm.DoFinal(plaintext, written);
        }
        catch (Org.BouncyCastle.Crypto.InvalidCipherTextException e)
        {
            throw new SecretsException(SecretsFailure.DecryptionFailed, $"the value at `{additionalData.TrimEnd(':')}` does not decrypt: wrong key or damaged file", Damaged, e);
        }
        var value = Parse(plaintext, match.Groups[4].Value, additionalData);
        stash?.Remember(additionalData, plaintext, iv);
        return (value, plaintext);
    }

    private const string Damaged = "the file was changed without its key; restore it from version control";

    /// <summary>
    /// The value as its <c>type:</c> says. The type is not authenticated, so a wrong one is a damaged file; the
    /// message never repeats the decrypted text.
    /// </summary>
    private static object? Parse(byte[] plaintext, string type, string additionalData)
    {
        var text = Encoding.UTF8.GetString(plaintext);
        return type switch
        {
            "str" => StrictUtf8(plaintext) ?? (object)plaintext,
            "comment" => text,
            "bytes" => plaintext,
            "int" => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) ? integer : throw NotOfType(),
            "float" => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : throw NotOfType(),
            // Go's strconv.ParseBool, as sops reads it.
            "bool" => text switch
            {
                "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
                "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
                _ => throw NotOfType(),
            },
            "time" => text,
            _ => throw new SecretsException(SecretsFailure.InvalidFile, $"the value at `{additionalData.TrimEnd(':')}` has an unknown SOPS type `{type}`", Damaged),
        };

        SecretsException NotOfType() =>
            new(SecretsFailure.InvalidFile, $"the value at `{additionalData.TrimEnd(':')}` decrypts to something that is not a valid {type}", Damaged);
    }

    /// <summary>
    /// Base64 as sops writes it. Decoders ignore the unused low bits of the last character (and whitespace), so a
    /// changed character there would decode to the same bytes; accepting only the canonical text makes any changed
    /// byte of a value an error.
    /// </summary>
    /// <exception cref="FormatException">Not base64, or not in its canonical form.</exception>
    private static byte[] CanonicalBase64(string text)
    {
        var bytes = Convert.FromBase64String(text);
        return Convert.ToBase64String(bytes) == text ? bytes : throw new FormatException("not canonical base64");
    }

    /// <summary>The text, or null when the bytes are not valid UTF-8 (a binary file's content).</summary>
    private static string? StrictUtf8(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^ENC\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\]")]
    private static partial Regex EncryptedValue();
}
