using Hearth.Secrets.Age;
using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Config;

/// <summary>
/// The key groups a new file is encrypted to, chosen as sops chooses them: recipients given on the command line
/// or in the environment form one group on their own and <c>.sops.yaml</c> is not consulted for keys; otherwise
/// the groups of the creation rule that matches the file.
/// </summary>
public static class SopsRecipients
{
    private const int X25519KeySize = 32;

    /// <param name="filePath">The file to encrypt; matched against the rules' path_regex.</param>
    /// <param name="commandLine">Recipients from flags and environment variables, read by the caller.</param>
    /// <param name="config">The <c>.sops.yaml</c> in effect, or null when there is none.</param>
    /// <exception cref="SecretsException">
    /// <see cref="SecretsFailure.NoRecipients"/> when no recipient is given anywhere; <see cref="SecretsFailure.InvalidConfig"/>: no matching rule, a rule whose keys this
    /// build cannot use (cloud KMS, Vault, an empty group), or an age recipient that is not an X25519 one.
    /// </exception>
    public static IReadOnlyList<SopsKeyGroup> ForFile(string filePath, SopsRecipientOptions commandLine, SopsConfigFile? config)
    {
        var (age, ageSource) = Given(commandLine.AgeArguments, "--age", commandLine.AgeRecipientsVariable, "SOPS_AGE_RECIPIENTS");
        var (pgp, _) = Given(commandLine.PgpArguments, "--pgp", commandLine.PgpFingerprintsVariable, "SOPS_PGP_FP");
        if (age.Count + pgp.Count > 0)
        {
            foreach (var recipient in age)
                CheckAgeRecipient(recipient, ageSource);
            return [new SopsKeyGroup(age, [.. pgp.Select(PgpFingerprint.Normalize).Distinct(StringComparer.Ordinal)])];
        }
        if (config is null)
        {
            throw new SecretsException(SecretsFailure.NoRecipients,
                $"no recipients for {filePath}: none was given with --age or --pgp, and no {SopsConfigFile.FileName} was found",
                $"pass --age age1… (or set SOPS_AGE_RECIPIENTS), or create a {SopsConfigFile.FileName} with a creation rule listing the keys");
        }
        var rule = config.RuleFor(filePath);
        if (rule.UnsupportedKeyKinds.Count > 0)
        {
            // Encrypting to the other keys alone would lock out whoever holds these, so refuse rather than drop them.
            throw new SecretsException(SecretsFailure.InvalidConfig,
                $"{rule.Origin}: the creation rule for {filePath} lists {string.Join(", ", rule.UnsupportedKeyKinds)} keys, which this build cannot encrypt to (it supports age and PGP)",
                "encrypt this file with sops, or give the recipients with --age/--pgp");
        }
        if (rule.KeyGroups.Count == 0)
        {
            throw new SecretsException(SecretsFailure.InvalidConfig, $"{rule.Origin}: the creation rule for {filePath} lists no keys",
                "add `age: age1…` to the rule, or pass --age");
        }
        for (var i = 0; i < rule.KeyGroups.Count; i++)
        {
            var group = rule.KeyGroups[i];
            if (group.IsEmpty)
            {
                throw new SecretsException(SecretsFailure.InvalidConfig, $"{rule.Origin}: key group {i + 1} of the creation rule for {filePath} has no keys",
                    "add an age or pgp key to it, or remove the group");
            }
            foreach (var recipient in group.AgeRecipients)
                CheckAgeRecipient(recipient, rule.Origin);
        }
        return rule.KeyGroups;
    }

    /// <summary>A flag's values when any is given, else its variable's, as sops's flag library does; split on commas.</summary>
    private static (IReadOnlyList<string> Keys, string Source) Given(IReadOnlyList<string> arguments, string flag, string? variable, string variableName)
    {
        var fromFlags = arguments.SelectMany(Split).ToList();
        if (fromFlags.Count > 0)
            return (fromFlags.Distinct(StringComparer.Ordinal).ToList(), flag);
        return ([.. Split(variable ?? "").Distinct(StringComparer.Ordinal)], variableName);

        static IEnumerable<string> Split(string text) => text.Split(',').Select(k => k.Trim()).Where(k => k.Length > 0);
    }

    /// <summary>
    /// Recipients are told apart as sops does, so the message names what the user actually has; only X25519 ones
    /// (<c>age1</c> + 32 bytes, no other <c>1</c>) can be encrypted to here.
    /// </summary>
    private static void CheckAgeRecipient(string recipient, string source)
    {
        const string Supported = "this build supports X25519 age recipients (age1…) only";
        const string UseX25519 = "use an X25519 recipient (the `# public key:` line age-keygen writes), or encrypt this file with sops";
        if (recipient.StartsWith("age1pq1", StringComparison.Ordinal))
            throw Invalid($"{source}: `{recipient}` is a post-quantum (ML-KEM) age recipient; {Supported}", UseX25519);
        if (recipient.StartsWith("ssh-", StringComparison.Ordinal))
            throw Invalid($"{source}: `{recipient}` is an SSH public key; {Supported}", UseX25519);
        if (recipient.StartsWith("age1", StringComparison.Ordinal) && recipient.Count(c => c == '1') > 1)
            throw Invalid($"{source}: `{recipient}` is an age plugin recipient; {Supported}", UseX25519);
        if (!recipient.StartsWith("age1", StringComparison.Ordinal))
            throw Invalid($"{source}: `{recipient}` is not an age recipient; {Supported}", UseX25519);
        try
        {
            var (hrp, data) = Bech32.Decode(recipient);
            if (hrp != "age" || data.Length != X25519KeySize)
                throw new FormatException($"it holds {data.Length} bytes, not {X25519KeySize}");
        }
        catch (FormatException e)
        {
            throw Invalid($"{source}: `{recipient}` is not a valid age recipient: {e.Message}",
                "copy the recipient again from the `# public key:` line of the key file", e);
        }
    }

    private static SecretsException Invalid(string message, string hint, Exception? inner = null) =>
        new(SecretsFailure.InvalidConfig, message, hint, inner);
}
