using Hearth.Core.Diagnostics;
using Hearth.Core.Expressions;
using Hearth.Core.Values;

namespace Hearth.Core.Secrets;

/// <summary>Used when no secrets module is composed in: any <c>${secret:…}</c> is reported where it is written.</summary>
public sealed class UnavailableSecretResolver : ISecretResolver
{
    public Task<IReadOnlyDictionary<SecretExpression, Value>> ResolveAsync(IReadOnlyCollection<SecretExpression> secrets, string labDirectory, CancellationToken cancellationToken) =>
        secrets.Count == 0 ? Task.FromResult<IReadOnlyDictionary<SecretExpression, Value>>(new Dictionary<SecretExpression, Value>()) : throw Unavailable(secrets);

    public Task CheckAsync(IReadOnlyCollection<SecretExpression> secrets, string labDirectory, CancellationToken cancellationToken) =>
        secrets.Count == 0 ? Task.CompletedTask : throw Unavailable(secrets);

    private static LabException Unavailable(IEnumerable<SecretExpression> secrets) =>
        new([.. secrets.Select(s => new Diagnostic(s.Span, $"`${{secret:{s.Path}#{s.Key}}}` cannot be read: this build of hearth has no secrets module",
            "use a build with SOPS support, or pass the value as a variable"))]);
}
