using Hearth.Core.Diagnostics;
using Hearth.Core.State.Local;
using Hearth.Secrets;
using Hearth.Secrets.Age;
using Hearth.Secrets.Config;
using Hearth.Secrets.Sops;

namespace Hearth.Storage.Resources;

/// <summary>
/// Writes a new application key into a SOPS file as <c>key_id</c> and <c>key</c>. An existing file is opened with
/// the lab's age identities (SOPS_AGE_KEY, SOPS_AGE_KEY_FILE…), the two keys set, and the file encrypted again under
/// its own data key, so its other values, comments and recipients stay as they were. A missing file is made under
/// the first creation rule of the .sops.yaml in effect (SOPS_CONFIG, else the nearest one up from the lab) that
/// matches it, as <c>hearth sops</c> would.
/// </summary>
internal sealed class B2KeySecretFile(IReadOnlyDictionary<string, string> environment)
{
    public const string KeyIdEntry = "key_id";
    public const string KeyEntry = "key";

    /// <exception cref="ResourceException">The file cannot be opened, created or written; the message never holds the secret.</exception>
    public async Task WriteAsync(string labDirectory, string relativePath, string keyId, string secret, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(relativePath, labDirectory);
        try
        {
            var store = SopsFiles.StoreFor(SopsFiles.FormatOf(path));
            SopsDocument encrypted;
            if (File.Exists(path))
            {
                var document = store.Parse(SopsFiles.ReadBytes(path, relativePath), relativePath).ToDocument(relativePath);
                var identities = await AgeIdentitySources.LoadAsync(environment, cancellationToken);
                var opened = new SopsDecryptor(identities).Open(document, relativePath, cancellationToken: cancellationToken);
                var changed = With(opened.Documents[0], keyId, secret);
                encrypted = SopsEncryptor.Encrypt([changed, .. opened.Documents.Skip(1)], opened.DataKey, document.Metadata, DateTimeOffset.UtcNow, opened.IvStash);
            }
            else
            {
                var configPath = environment.TryGetValue("SOPS_CONFIG", out var explicitPath) && explicitPath.Length > 0
                    ? Path.GetFullPath(explicitPath, labDirectory)
                    : SopsConfigFile.Find(labDirectory).Path;
                if (configPath is null)
                    throw new ResourceException($"{relativePath} does not exist, and no .sops.yaml says whom to encrypt it for",
                        "add a .sops.yaml with a creation rule for it beside the lab, or create the file with `hearth sops`");
                var config = SopsConfigFile.Load(configPath);
                var rule = config.RuleFor(path);
                if (rule.UnsupportedKeyKinds.Count > 0)
                    throw new ResourceException($"the .sops.yaml rule at {rule.Origin} for {relativePath} lists {string.Join(", ", rule.UnsupportedKeyKinds)}, which Hearth cannot encrypt to",
                        "create the file with sops first (Hearth then keeps its recipients), or use age or PGP recipients in the rule");
                var groups = SopsRecipients.ForFile(path, SopsRecipientOptions.None, config);
                encrypted = SopsEncryptor.EncryptNew([With(SopsMap.Empty, keyId, secret)], groups, rule.ShamirThreshold, rule.Rules,
                    new SopsDataKey([], null), DateTimeOffset.UtcNow, cancellationToken);
            }
            var mode = File.Exists(path) && !OperatingSystem.IsWindows() ? File.GetUnixFileMode(path) : UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await AtomicFile.WriteAsync(path, store.Write(encrypted.Documents, encrypted.Metadata.ToTree()), cancellationToken, mode);
        }
        catch (SecretsException e)
        {
            throw new ResourceException($"cannot write the key into {relativePath}: {e.Message}", e.Hint, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResourceException($"cannot write the key into {relativePath}: {e.Message}", "check the directory exists and is writable", e);
        }
    }

    private static SopsMap With(SopsMap document, string keyId, string secret) =>
        document.With(KeyIdEntry, new SopsScalar(keyId)).With(KeyEntry, new SopsScalar(secret));
}
