using System.Text;
using System.Text.Json;
using Hearth.Core.Diagnostics;
using Hearth.Core.State.Remote;
using Hearth.Secrets;
using Hearth.Secrets.Age;

namespace Hearth.Storage.Encryption;

/// <summary>
/// Encrypts the remote state with age to the lab's <c>state.encrypt_to</c> recipients and decrypts it with the user's
/// identities, found the way sops finds them (SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, SOPS_AGE_KEY_CMD, then
/// <c>~/.config/sops/age/keys.txt</c>). The stored form is a small JSON envelope that names the recipients, so an error
/// can say whose identity is needed, around the ASCII-armored age file:
/// <c>{"hearth_encrypted_state":1,"method":"age","recipients":["age1…"],"age":"-----BEGIN AGE ENCRYPTED FILE-----…"}</c>
/// (<c>jq -r .age STATE | age -d -i KEYS</c> decrypts it by hand). The recipients are public keys, not secrets.
/// </summary>
public sealed class AgeStateEncryption : IStateEncryption
{
    /// <summary>The envelope's first property; its value is the envelope's format version.</summary>
    public const string EnvelopeProperty = "hearth_encrypted_state";

    private const int EnvelopeVersion = 1;

    private readonly IReadOnlyList<AgeRecipient> _recipients;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly Lock _gate = new();
    private Task<IReadOnlyList<AgeIdentity>>? _identities;

    /// <param name="recipients">The <c>age1…</c> recipients every write encrypts to.</param>
    /// <param name="environment">The process environment, where identities are looked for.</param>
    /// <exception cref="StateException">No recipients, or one that is not an age X25519 recipient.</exception>
    public AgeStateEncryption(IEnumerable<string> recipients, IReadOnlyDictionary<string, string> environment)
    {
        var parsed = new List<AgeRecipient>();
        foreach (var recipient in recipients)
        {
            try
            {
                parsed.Add(AgeRecipient.Parse(recipient));
            }
            catch (SecretsException e)
            {
                throw new StateException($"state.encrypt_to: {e.Message}", e.Hint, e);
            }
        }
        if (parsed.Count == 0)
            throw new StateException("state.encrypt_to lists no recipients", "list at least one age recipient (age1…), or remove `encrypt_to` to store the state unencrypted");
        _recipients = parsed;
        _environment = environment;
    }

    public string Recipients => string.Join(", ", _recipients.Select(r => r.Text));

    public byte[] Encrypt(byte[] plaintext)
    {
        byte[] armored;
        try
        {
            armored = AgeEncryptor.Encrypt(plaintext, _recipients, armor: true);
        }
        catch (SecretsException e)
        {
            throw new StateException($"cannot encrypt the state to {Recipients}: {e.Message}", e.Hint, e);
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber(EnvelopeProperty, EnvelopeVersion);
            writer.WriteString("method", "age");
            writer.WriteStartArray("recipients");
            foreach (var recipient in _recipients)
                writer.WriteStringValue(recipient.Text);
            writer.WriteEndArray();
            writer.WriteString("age", Encoding.ASCII.GetString(armored));
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public bool IsEncrypted(ReadOnlySpan<byte> stored)
    {
        try
        {
            var reader = new Utf8JsonReader(stored);
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject
                && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(EnvelopeProperty);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public async Task<byte[]> DecryptAsync(byte[] stored, string location, CancellationToken cancellationToken)
    {
        var (recipients, file) = ReadEnvelope(stored, location);
        var encryptedTo = recipients.Count == 0 ? "unnamed recipients" : string.Join(", ", recipients);
        var identities = await IdentitiesAsync(cancellationToken);
        if (identities.Count == 0)
            throw new StateException($"the state in {location} is encrypted to {encryptedTo}, and no age identity was found to decrypt it",
                $"make the identity (AGE-SECRET-KEY-1…) of one of those recipients available: {WhereIdentitiesAreLooked()}");
        try
        {
            return AgeDecryptor.Decrypt(file, identities);
        }
        catch (SecretsException e) when (e.Failure == SecretsFailure.NoKey)
        {
            throw new StateException(
                $"none of the {identities.Count} age identit{(identities.Count == 1 ? "y" : "ies")} found opens the state in {location}: it is encrypted to {encryptedTo}",
                $"make the identity of one of those recipients available: {WhereIdentitiesAreLooked()}", e);
        }
        catch (SecretsException e)
        {
            throw new StateException($"the encrypted state in {location} is damaged: {e.Message}",
                "restore an earlier version of it (object versioning, a backup), or push a good state with `hearth state push --force FILE`", e);
        }
    }

    private static (IReadOnlyList<string> Recipients, byte[] File) ReadEnvelope(byte[] stored, string location)
    {
        try
        {
            using var envelope = JsonDocument.Parse(stored);
            var root = envelope.RootElement;
            var version = root.GetProperty(EnvelopeProperty).GetInt32();
            if (version > EnvelopeVersion)
                throw new StateException($"the state in {location} is encrypted in envelope format {version}, newer than this build reads ({EnvelopeVersion})",
                    "upgrade hearth to the version that wrote it");
            var method = root.GetProperty("method").GetString();
            if (method != "age")
                throw new StateException($"the state in {location} is encrypted with `{method}`, which this build cannot decrypt", "upgrade hearth to the version that wrote it");
            var recipients = root.TryGetProperty("recipients", out var list)
                ? list.EnumerateArray().Select(r => r.GetString() ?? "").ToArray()
                : [];
            return (recipients, Encoding.ASCII.GetBytes(root.GetProperty("age").GetString() ?? ""));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new StateException($"the encrypted state in {location} is damaged: {e.Message}",
                "restore an earlier version of it (object versioning, a backup), or push a good state with `hearth state push --force FILE`", e);
        }
    }

    /// <summary>The identities, looked up once per backend (a SOPS_AGE_KEY_CMD may ask for a passphrase).</summary>
    private async Task<IReadOnlyList<AgeIdentity>> IdentitiesAsync(CancellationToken cancellationToken)
    {
        Task<IReadOnlyList<AgeIdentity>> loading;
        lock (_gate)
            loading = _identities ??= AgeIdentitySources.LoadAsync(_environment, cancellationToken);
        try
        {
            return await loading;
        }
        catch (SecretsException e)
        {
            lock (_gate)
                _identities = null; // A fixed key file is read again next time.
            throw new StateException($"cannot load the age identities to decrypt the state: {e.Message}", e.Hint ?? WhereIdentitiesAreLooked(), e);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
                _identities = null;
            throw;
        }
    }

    private string WhereIdentitiesAreLooked() =>
        $"hearth looks in SOPS_AGE_KEY, the file named by SOPS_AGE_KEY_FILE, the output of SOPS_AGE_KEY_CMD, and {AgeIdentitySources.DefaultKeyFile(_environment) ?? "~/.config/sops/age/keys.txt"}";
}
