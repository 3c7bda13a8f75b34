using Hearth.Cli.Hosting;

namespace Hearth.Cli.Tests;

/// <summary>A terminal that answers prompts with the given lines, and remembers what it was asked.</summary>
internal sealed class ScriptedSecretPrompt(params string[] answers) : ISecretPrompt
{
    private readonly Queue<string> _answers = new(answers);

    public List<string> Asked { get; } = [];

    public Task<string?> ReadAsync(string prompt, CancellationToken cancellationToken)
    {
        Asked.Add(prompt);
        return Task.FromResult<string?>(_answers.Dequeue());
    }
}
