namespace Hearth.Secrets.Config;

/// <summary>
/// The <c>stores</c> section of <c>.sops.yaml</c>: how encrypted files are indented when written. Null means the
/// store's own default (four spaces for YAML, a tab for JSON), as in sops where YAML indent 0 and JSON indent -1
/// mean the same.
/// </summary>
public sealed record SopsStoreSettings(int? YamlIndent = null, int? JsonIndent = null, int? JsonBinaryIndent = null)
{
    public static readonly SopsStoreSettings Default = new();
}
