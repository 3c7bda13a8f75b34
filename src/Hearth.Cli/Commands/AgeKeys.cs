using Hearth.Cli.Hosting;
using Hearth.Secrets;
using Hearth.Secrets.Age;

namespace Hearth.Cli.Commands;

/// <summary>
/// The keys of a <c>hearth age</c> run: recipients and identities from the command line and key files, and a passphrase
/// from <see cref="PassphraseVariable"/> or, failing that, typed at the terminal without echo.
/// </summary>
internal sealed class AgeKeys(CliEnvironment environment)
{
    /// <summary>For scripts and tests: the passphrase, instead of asking the terminal. Never printed.</summary>
    public const string PassphraseVariable = "HEARTH_AGE_PASSPHRASE";

    /// <exception cref="AgeCommandException">A recipient or key file cannot be read or used, or there is no passphrase.</exception>
    public async Task<IReadOnlyList<IAgeRecipient>> RecipientsAsync(AgeRequest request, CancellationToken cancellationToken)
    {
        if (request.Passphrase)
            return [new AgePassphraseRecipient(await PassphraseAsync(confirm: true, cancellationToken))];
        var recipients = new List<IAgeRecipient>();
        foreach (var recipient in request.Recipients)
            recipients.Add(Recipient(recipient, "-r"));
        foreach (var file in request.RecipientsFiles)
        {
            foreach (var (line, number) in await KeyLinesAsync(file, cancellationToken))
                recipients.Add(Recipient(line, $"{file}, line {number}"));
        }
        foreach (var file in request.Identities)
            recipients.AddRange((await IdentityFileAsync(file, cancellationToken)).Select(i => AgeRecipient.Parse(i.Recipient)));
        return recipients;
    }

    /// <param name="passphraseEncrypted">The file to open is passphrase-encrypted (so -i is refused, and -i is needed otherwise).</param>
    /// <exception cref="AgeCommandException">The identities given cannot open this kind of file, or cannot be read.</exception>
    public async Task<IReadOnlyList<IAgeIdentity>> IdentitiesAsync(AgeRequest request, bool passphraseEncrypted, CancellationToken cancellationToken)
    {
        if (passphraseEncrypted && request.Identities.Count > 0)
            throw new AgeCommandException("the file is encrypted with a passphrase, but identities were given with -i/--identity",
                $"leave out -i to be asked for the passphrase (or set {PassphraseVariable})");
        if (passphraseEncrypted)
            return [new AgePassphraseIdentity(await PassphraseAsync(confirm: false, cancellationToken))];
        if (request.Identities.Count == 0)
            throw new AgeCommandException("the file is encrypted to recipients, not with a passphrase",
                "give the identity file of one of its recipients with -i/--identity");
        var identities = new List<IAgeIdentity>();
        foreach (var file in request.Identities)
            identities.AddRange(await IdentityFileAsync(file, cancellationToken));
        return identities;
    }

    private static AgeRecipient Recipient(string text, string source)
    {
        try
        {
            return AgeRecipient.Parse(text);
        }
        catch (SecretsException e)
        {
            throw new AgeCommandException($"{source}: {e.Message}", e.Hint, e);
        }
    }

    /// <summary>An identity file: one AGE-SECRET-KEY-1… per line, blank lines and # comments ignored. No line is ever quoted: it may be a key.</summary>
    private async Task<IReadOnlyList<AgeIdentity>> IdentityFileAsync(string file, CancellationToken cancellationToken)
    {
        var identities = new List<AgeIdentity>();
        foreach (var (line, number) in await KeyLinesAsync(file, cancellationToken))
        {
            if (line.StartsWith("age-encryption.org/", StringComparison.Ordinal) || line.StartsWith("-----BEGIN AGE", StringComparison.Ordinal))
                throw new AgeCommandException($"{file} is an encrypted identity file", "hearth age reads plain identity files only: decrypt it to a private place first");
            if (!line.StartsWith("AGE-SECRET-KEY-1", StringComparison.Ordinal))
                throw new AgeCommandException($"{file}, line {number}: not an age identity (AGE-SECRET-KEY-1…)",
                    "hearth age reads X25519 identities only; SSH keys and plugin identities are not supported");
            try
            {
                identities.Add(AgeIdentity.Parse(line));
            }
            catch (FormatException e)
            {
                throw new AgeCommandException($"{file}, line {number}: invalid age identity: {e.Message}", "check that the key was copied whole", e);
            }
        }
        return identities.Count > 0 ? identities : throw new AgeCommandException($"{file} holds no age identity", "an identity line looks like AGE-SECRET-KEY-1…");
    }

    /// <summary>The lines of a key file that are not blank or comments, with their line numbers.</summary>
    private async Task<IReadOnlyList<(string Line, int Number)>> KeyLinesAsync(string file, CancellationToken cancellationToken)
    {
        if (file == "-")
            throw new UsageException("reading keys from standard input is not supported by hearth age", "give the key file's path");
        string text;
        try
        {
            text = await File.ReadAllTextAsync(Path.GetFullPath(file, environment.WorkingDirectory), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgeCommandException($"cannot read {file}: {e.Message}", "check the path and its permissions", e);
        }
        return [.. text.Split('\n').Select((l, i) => (Line: l.Trim(), Number: i + 1)).Where(l => l.Line.Length > 0 && !l.Line.StartsWith('#'))];
    }

    private async Task<string> PassphraseAsync(bool confirm, CancellationToken cancellationToken)
    {
        if (environment.Variable(PassphraseVariable) is { Length: > 0 } given)
            return given;
        var prompt = environment.SecretPrompt;
        var passphrase = prompt is null ? null : await prompt.ReadAsync("Enter passphrase:", cancellationToken);
        if (passphrase is null)
            throw new AgeCommandException("a passphrase is needed and there is no terminal to ask for it",
                $"run hearth age in a terminal, or set {PassphraseVariable} to the passphrase (for scripts)");
        if (passphrase.Length == 0)
            throw new AgeCommandException("the passphrase is empty", "type a passphrase; hearth age does not make one up");
        if (confirm && await prompt!.ReadAsync("Confirm passphrase:", cancellationToken) != passphrase)
            throw new AgeCommandException("the passphrases do not match", "run it again and type the same passphrase twice");
        return passphrase;
    }
}
