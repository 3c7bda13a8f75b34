namespace Hearth.Secrets.Config;

/// <summary>
/// Where <see cref="SopsConfigFile.Find"/> found <c>.sops.yaml</c>, if anywhere, and a warning to show the user
/// when a <c>.sops.yml</c> was passed over on the way (sops ignores that name, and so do we, so that both tools
/// pick the same rules).
/// </summary>
/// <param name="Path">The absolute path of the <c>.sops.yaml</c>, or null when none was found.</param>
/// <param name="Warning">Text for the user, or null when nothing was passed over.</param>
public sealed record SopsConfigLookup(string? Path, string? Warning)
{
    public bool Found => Path is not null;
}
