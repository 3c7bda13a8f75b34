namespace Hearth.Cli.Hosting;

/// <summary>Asks the person at the terminal for a secret, without showing what they type.</summary>
internal interface ISecretPrompt
{
    /// <summary>The line typed after <paramref name="prompt"/>, or null when there is no terminal to ask.</summary>
    Task<string?> ReadAsync(string prompt, CancellationToken cancellationToken);
}
