using Hearth.Secrets.Sops;
using Hearth.Secrets.Stores;

namespace Hearth.Secrets;

/// <summary>Reads a SOPS file from disk in the store its name implies, as sops chooses it.</summary>
public static class SopsFiles
{
    /// <exception cref="SecretsException">Missing, unreadable, or not a SOPS file.</exception>
    public static SopsDocument Read(string path, string displayName)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecretsException(SecretsFailure.InvalidFile, $"cannot read {displayName}: {e.Message}", "check the path (relative to the lab)", e);
        }
        return FormatOf(path) switch
        {
            "yaml" => YamlSopsStore.Read(text, displayName),
            "dotenv" => DotenvSopsStore.Read(text, displayName),
            "ini" => throw new SecretsException(SecretsFailure.InvalidFile, $"{displayName}: INI SOPS files are not supported by this build yet"),
            _ => JsonSopsStore.Read(text, displayName),
        };
    }

    /// <summary>yaml, json, dotenv, ini or binary, by extension.</summary>
    public static string FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".yaml" or ".yml" => "yaml",
        ".json" => "json",
        ".env" => "dotenv",
        ".ini" => "ini",
        _ => "binary",
    };
}
