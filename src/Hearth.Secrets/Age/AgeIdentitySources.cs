using System.Diagnostics;

namespace Hearth.Secrets.Age;

/// <summary>
/// Finds age identities the way sops does, gathering all of them: SOPS_AGE_KEY (inline), SOPS_AGE_KEY_FILE,
/// SOPS_AGE_KEY_CMD (a command printing identities), and the default keys.txt under the user's config directory.
/// </summary>
public static class AgeIdentitySources
{
    /// <exception cref="SecretsException">A named key file or command fails, or holds something that is not an identity.</exception>
    public static async Task<IReadOnlyList<AgeIdentity>> LoadAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var identities = new List<AgeIdentity>();
        if (Get(environment, "SOPS_AGE_KEY") is { } inline)
            identities.AddRange(Parse(inline, "SOPS_AGE_KEY"));
        if (Get(environment, "SOPS_AGE_KEY_FILE") is { } file)
            identities.AddRange(Parse(await ReadAsync(file, "SOPS_AGE_KEY_FILE", cancellationToken), file));
        if (Get(environment, "SOPS_AGE_KEY_CMD") is { } command)
            identities.AddRange(Parse(await RunAsync(command, cancellationToken), "SOPS_AGE_KEY_CMD"));
        var defaultFile = DefaultKeyFile(environment);
        if (defaultFile is not null && File.Exists(defaultFile))
            identities.AddRange(Parse(await ReadAsync(defaultFile, defaultFile, cancellationToken), defaultFile));
        return identities;
    }

    /// <summary>Where sops looks when no variable names a key: $XDG_CONFIG_HOME or ~/.config, then sops/age/keys.txt.</summary>
    public static string? DefaultKeyFile(IReadOnlyDictionary<string, string> environment)
    {
        var config = Get(environment, "XDG_CONFIG_HOME") ?? (Get(environment, "HOME") is { } home ? Path.Combine(home, ".config") : null);
        return config is null ? null : Path.Combine(config, "sops", "age", "keys.txt");
    }

    private static string? Get(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static IReadOnlyList<AgeIdentity> Parse(string text, string source)
    {
        try
        {
            return AgeIdentity.ParseFile(text);
        }
        catch (FormatException e)
        {
            throw new SecretsException(SecretsFailure.NoKey, $"{source} holds an invalid age identity: {e.Message}", "an identity line looks like AGE-SECRET-KEY-1…", e);
        }
    }

    private static async Task<string> ReadAsync(string path, string source, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecretsException(SecretsFailure.NoKey, $"cannot read the age key file {path} ({source}): {e.Message}", "fix the path or unset the variable", e);
        }
    }

    private static async Task<string> RunAsync(string command, CancellationToken cancellationToken)
    {
        // Its standard error stays the user's: a command that asks for a passphrase or fails must be heard (and a
        // full, unread error pipe would block it).
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start) ?? throw new SecretsException(SecretsFailure.NoKey, "cannot run SOPS_AGE_KEY_CMD");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new SecretsException(SecretsFailure.NoKey, $"SOPS_AGE_KEY_CMD exited with code {process.ExitCode}", "run it by hand to see why");
        return output;
    }
}
