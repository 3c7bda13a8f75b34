using Hearth.Secrets.Sops;
using Hearth.Secrets.Stores;

namespace Hearth.Secrets;

/// <summary>Reads SOPS files from disk in the store their name implies, as sops chooses it.</summary>
public static class SopsFiles
{
    public static readonly string[] Formats = ["yaml", "json", "dotenv", "ini", "binary"];

    /// <exception cref="SecretsException">Missing, unreadable, or not a SOPS file.</exception>
    public static SopsDocument Read(string path, string displayName) =>
        StoreFor(FormatOf(path)).Parse(ReadBytes(path, displayName), displayName).ToDocument(displayName);

    /// <exception cref="SecretsException">The file cannot be read.</exception>
    public static byte[] ReadBytes(string path, string displayName)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecretsException(SecretsFailure.InvalidFile, $"cannot read {displayName}: {e.Message}", "check the path", e);
        }
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

    /// <exception cref="SecretsException">An unknown format name.</exception>
    public static ISopsStore StoreFor(string format, int? indent = null) => format switch
    {
        "yaml" => new YamlSopsStore(indent ?? YamlSopsStore.DefaultIndent),
        "json" => indent is { } spaces and > 0 ? new JsonSopsStore(spaces, ' ') : new JsonSopsStore(),
        "dotenv" => new DotenvSopsStore(),
        "ini" => new IniSopsStore(),
        "binary" => new BinarySopsStore(),
        _ => throw new SecretsException(SecretsFailure.InvalidConfig, $"unknown format `{format}`", $"use one of {string.Join(", ", Formats)}"),
    };
}
