using Hearth.Core.Diagnostics;
using Hearth.Core.Expressions;
using Hearth.Core.Secrets;
using Hearth.Core.Values;
using Hearth.Secrets;
using Hearth.Secrets.Age;
using Hearth.Secrets.Pgp;
using Hearth.Secrets.Sops;

namespace Hearth.Cli.Hosting;

/// <summary>
/// Resolves <c>${secret:PATH#KEY}</c> from SOPS files with the secrets library: each file is read and decrypted at
/// most once per run; every value comes back sensitive. Checking (for validate) reads key names only, which SOPS
/// keeps in plaintext, so it needs no private key.
/// </summary>
internal sealed class SopsSecretResolver(IReadOnlyDictionary<string, string> environment) : ISecretResolver
{
    private readonly Dictionary<string, Task<IReadOnlyList<SopsMap>>> _decrypted = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Task<IReadOnlyList<AgeIdentity>>? _identities;

    public async Task<IReadOnlyDictionary<SecretExpression, Value>> ResolveAsync(IReadOnlyCollection<SecretExpression> secrets, string labDirectory, CancellationToken cancellationToken)
    {
        var values = new Dictionary<SecretExpression, Value>();
        var diagnostics = new List<Diagnostic>();
        foreach (var secret in secrets)
        {
            try
            {
                var documents = await DecryptAsync(Path.GetFullPath(secret.Path, labDirectory), secret.Path, cancellationToken);
                var found = SopsKeyPath.Find(documents[0], secret.Key) ?? throw MissingKey(secret);
                values[secret] = ToValue(found).MarkSensitive();
            }
            catch (SecretsException e)
            {
                diagnostics.Add(new Diagnostic(secret.Span, $"`${{secret:{secret.Path}#{secret.Key}}}`: {e.Message}", e.Hint));
            }
        }
        if (diagnostics.Count > 0)
            throw new LabException(diagnostics);
        return values;
    }

    public Task CheckAsync(IReadOnlyCollection<SecretExpression> secrets, string labDirectory, CancellationToken cancellationToken)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var group in secrets.GroupBy(s => s.Path, StringComparer.Ordinal))
        {
            try
            {
                var document = SopsFiles.Read(Path.GetFullPath(group.Key, labDirectory), group.Key);
                foreach (var secret in group.Where(s => SopsKeyPath.Find(document.Documents[0], s.Key) is null))
                    diagnostics.Add(Diagnostic(secret, MissingKey(secret)));
            }
            catch (SecretsException e)
            {
                diagnostics.AddRange(group.Select(s => Diagnostic(s, e)));
            }
        }
        return diagnostics.Count > 0 ? throw new LabException(diagnostics) : Task.CompletedTask;
    }

    private Task<IReadOnlyList<SopsMap>> DecryptAsync(string fullPath, string displayName, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_decrypted.TryGetValue(fullPath, out var task))
                _decrypted[fullPath] = task = DecryptFileAsync(fullPath, displayName, cancellationToken);
            return task;
        }
    }

    private async Task<IReadOnlyList<SopsMap>> DecryptFileAsync(string fullPath, string displayName, CancellationToken cancellationToken)
    {
        var document = SopsFiles.Read(fullPath, displayName);
        Task<IReadOnlyList<AgeIdentity>> identities;
        lock (_gate)
            identities = _identities ??= AgeIdentitySources.LoadAsync(environment, cancellationToken);
        return new SopsDecryptor(await identities, new GpgKeyService(environment)).Decrypt(document, displayName);
    }

    private static SecretsException MissingKey(SecretExpression secret) =>
        new(SecretsFailure.KeyNotFound, $"{secret.Path} has no key `{secret.Key}`", "check the key path (dotted, e.g. db.password); `hearth validate` lists every missing one");

    private static Diagnostic Diagnostic(SecretExpression secret, SecretsException e) =>
        new(secret.Span, $"`${{secret:{secret.Path}#{secret.Key}}}`: {e.Message}", e.Hint);

    private static Value ToValue(SopsNode node) => node switch
    {
        SopsMap map => Value.Map(map.Values.Select(e => KeyValuePair.Create(e.Key, ToValue(e.Value)))),
        SopsList list => Value.List(list.Items.Where(i => i is not SopsComment).Select(ToValue)),
        SopsScalar { Value: string s } => Value.String(s),
        SopsScalar { Value: long l } => Value.Number(l),
        SopsScalar { Value: double d } => Value.Number((decimal)d),
        SopsScalar { Value: bool b } => Value.Bool(b),
        SopsScalar { Value: byte[] bytes } => Value.String(System.Text.Encoding.UTF8.GetString(bytes)),
        _ => Value.Null,
    };
}
