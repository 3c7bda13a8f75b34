using System.Text;
using Hearth.Secrets.Age;
using Hearth.Secrets.Sops;
using Xunit.Abstractions;

namespace Hearth.Secrets.Tests.Robustness;

/// <summary>
/// Every byte of every encrypted value (data, iv, tag, type and the fixed text around them) and of the MAC, changed
/// one at a time, in an age file of each format: reading must fail with an integrity or decryption error, never
/// return plaintext, and never show a plaintext value of the file in its message, hint or causes.
/// </summary>
public sealed class TamperSweepTests(ITestOutputHelper output)
{
    /// <summary>Long fields (the MAC's data is 172 characters) are sampled: both ends and evenly between.</summary>
    private const int PositionsPerField = 64;

    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>The JSON file is Hearth's own: there is no sops-written age JSON fixture.</summary>
    private const string HearthJson = "hearth-age.json";

    [Theory]
    [InlineData("flux-secret-age.yaml")]
    [InlineData("flux-age.env")]
    [InlineData("flux-age-binary.txt")]
    [InlineData(HearthJson)]
    public void A_changed_byte_in_an_encrypted_value_or_the_mac_fails_as_an_integrity_error_that_shows_no_plaintext(string file)
    {
        var content = file == HearthJson ? HearthWrittenFiles.Encrypt("json", HearthWrittenFiles.Json) : File.ReadAllBytes(SopsFixtures.PathOf(file));
        var format = SopsFiles.FormatOf(file);
        var identities = HearthWrittenFiles.Identities;
        var (mac, secrets) = Secrets(content, file, format, identities);
        var values = EncryptedValueLayout.Find(content);
        Assert.Contains(values, v => v.Text == mac);
        Assert.Contains(values, v => v.Text != mac);

        var violations = new List<string>();
        var attempts = 0;
        foreach (var (text, bytes) in values)
        {
            var isMac = text == mac;
            foreach (var field in bytes.GroupBy(b => b.Field))
            {
                var offsets = field.Select(b => b.Offset).ToList();
                foreach (var offset in Sample(offsets))
                {
                    foreach (var replacement in Replacements(field.Key, content[offset]))
                    {
                        attempts++;
                        var tampered = content.ToArray();
                        tampered[offset] = replacement;
                        var expected = Expected(field.Key, isMac, Encoding.Latin1.GetString(tampered, offsets[0], offsets.Count));
                        var place = $"{(isMac ? "mac" : "value")} {field.Key}[{offset - offsets[0]}] '{(char)content[offset]}'→'{(char)replacement}'";
                        if (Check(tampered, file, format, identities, expected, secrets) is { } problem)
                            violations.Add($"{place}: {problem}");
                    }
                }
            }
        }

        output.WriteLine($"{file}: {values.Count} encrypted values, {attempts} tampered copies");
        Assert.True(violations.Count == 0, $"{violations.Count} of {attempts} tampered copies of {file} misbehaved:\n{string.Join("\n", violations.Take(20))}");
    }

    /// <summary>The MAC as stored, and the file's secrets: every plaintext value, the MAC's plaintext and the data key.</summary>
    private static (string Mac, IReadOnlyList<string> Secrets) Secrets(byte[] content, string file, string format, IReadOnlyList<AgeIdentity> identities)
    {
        var document = SopsFiles.StoreFor(format).Parse(content, file).ToDocument(file);
        var plain = new SopsDecryptor(identities).Decrypt(document, file);
        var dataKey = new SopsDataKey(identities, null).Recover(document.Metadata, file);
        var (macPlaintext, _) = SopsValueCipher.Decrypt(document.Metadata.Mac!, dataKey, document.Metadata.LastModified!);
        return (document.Metadata.Mac!, [.. SopsReading.Plaintexts(plain), (string)macPlaintext!, Convert.ToHexString(dataKey), Convert.ToBase64String(dataKey)]);
    }

    private static IEnumerable<int> Sample(IReadOnlyList<int> offsets)
    {
        if (offsets.Count <= PositionsPerField)
            return offsets;
        const int end = PositionsPerField / 4;
        var middle = PositionsPerField - 2 * end;
        var step = (double)(offsets.Count - 2 * end) / middle;
        return offsets.Take(end)
            .Concat(Enumerable.Range(0, middle).Select(i => offsets[end + (int)(i * step)]))
            .Concat(offsets.Skip(offsets.Count - end));
    }

    /// <summary>The low bit flipped (valid base64 or not), and in base64 fields the next base64 character and a character outside base64.</summary>
    private static IEnumerable<byte> Replacements(string field, byte original)
    {
        yield return (byte)(original ^ 0x01);
        yield return (byte)'.';
        if (EncryptedValueLayout.Base64Fields.Contains(field))
            yield return original == '=' ? (byte)'A' : (byte)Base64Alphabet[(Base64Alphabet.IndexOf((char)original, StringComparison.Ordinal) + 1) % 64];
    }

    /// <summary>
    /// A base64 field still in canonical base64 holds other bytes, which fail authentication; anything else is a
    /// malformed file. The type is not authenticated, but a changed type is not one sops knows. A broken MAC is
    /// reported as a failed integrity check, and a changed fixed text may break the format around it.
    /// </summary>
    private static SecretsFailure[] Expected(string field, bool isMac, string tamperedField) => (field, isMac) switch
    {
        (EncryptedValueLayout.Frame, true) => [SecretsFailure.MacMismatch, SecretsFailure.InvalidFile],
        (EncryptedValueLayout.Frame, false) => [SecretsFailure.DecryptionFailed, SecretsFailure.InvalidFile],
        (_, true) => [SecretsFailure.MacMismatch],
        ("type", false) => [SecretsFailure.InvalidFile],
        _ => IsCanonicalBase64(tamperedField) ? [SecretsFailure.DecryptionFailed] : [SecretsFailure.InvalidFile],
    };

    private static bool IsCanonicalBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) && Convert.ToBase64String(buffer, 0, written) == text;
    }

    /// <summary>Null when the tampered copy failed as expected; else what went wrong.</summary>
    private static string? Check(byte[] tampered, string file, string format, IReadOnlyList<AgeIdentity> identities, SecretsFailure[] expected, IReadOnlyList<string> secrets)
    {
        try
        {
            SopsReading.Decrypt(tampered, file, format, identities);
            return "decrypted: a tampered file returned plaintext";
        }
        catch (SecretsException e)
        {
            var shown = SopsReading.Shown(e);
            if (secrets.Select(s => SopsReading.Leak(shown, s)).FirstOrDefault(l => l is not null) is { } leak)
                return $"the error shows the plaintext `{leak}`: {shown}";
            if (!expected.Contains(e.Failure))
                return $"expected {string.Join(" or ", expected)}, got {e.Failure}: {e.Message}";
            return null;
        }
    }
}
