using Hearth.Core.Expressions;
using Hearth.Core.Values;

namespace Hearth.Core.Secrets;

/// <summary>
/// Resolves <c>${secret:PATH#KEY}</c> references. Implemented by the secrets module; each file is decrypted
/// at most once per run.
/// </summary>
public interface ISecretResolver
{
    /// <summary>The values of <paramref name="secrets"/>, each marked sensitive.</summary>
    /// <exception cref="Diagnostics.LabException">A file or key is missing, or cannot be decrypted.</exception>
    Task<IReadOnlyDictionary<SecretExpression, Value>> ResolveAsync(IReadOnlyCollection<SecretExpression> secrets, string labDirectory, CancellationToken cancellationToken);

    /// <summary>Checks that every referenced file and key exists, without decrypting anything.</summary>
    /// <exception cref="Diagnostics.LabException">A file or key is missing.</exception>
    Task CheckAsync(IReadOnlyCollection<SecretExpression> secrets, string labDirectory, CancellationToken cancellationToken);
}
