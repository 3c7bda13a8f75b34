namespace Hearth.Cli.Commands;

/// <summary>What <c>hearth age</c> was asked to do, from its options. <c>-</c> for a file means standard input or output.</summary>
internal sealed record AgeRequest(
    bool Encrypt,
    bool Decrypt,
    bool Passphrase,
    bool Armor,
    string? Output,
    string? Input,
    IReadOnlyList<string> Recipients,
    IReadOnlyList<string> RecipientsFiles,
    IReadOnlyList<string> Identities)
{
    public bool InputIsStandard => Input is null or "-";

    public bool OutputIsStandard => Output is null or "-";

    /// <summary>Checks which options go together, with age's rules and wording.</summary>
    /// <exception cref="UsageException">Options that do not go together, or no recipients to encrypt to.</exception>
    public void Validate()
    {
        if (Decrypt)
        {
            Refuse(Encrypt, "-e/--encrypt can't be used with -d/--decrypt");
            Refuse(Armor, "-a/--armor can't be used with -d/--decrypt", "armored files are detected automatically");
            Refuse(Passphrase, "-p/--passphrase can't be used with -d/--decrypt", "passphrase-encrypted files are detected automatically");
            Refuse(Recipients.Count > 0, "-r/--recipient can't be used with -d/--decrypt", "did you mean -i/--identity, to give a private key?");
            Refuse(RecipientsFiles.Count > 0, "-R/--recipients-file can't be used with -d/--decrypt", "did you mean -i/--identity, to give a private key?");
            return;
        }
        Refuse(Identities.Count > 0 && !Encrypt,
            "-i/--identity can't be used in encryption mode unless encryption is asked for explicitly with -e/--encrypt", "did you forget -d/--decrypt?");
        Refuse(Recipients.Count + RecipientsFiles.Count + Identities.Count == 0 && !Passphrase,
            "missing recipients", "give -r/--recipient, -R/--recipients-file or -p/--passphrase");
        Refuse(Passphrase && Recipients.Count > 0, "-p/--passphrase can't be combined with -r/--recipient");
        Refuse(Passphrase && RecipientsFiles.Count > 0, "-p/--passphrase can't be combined with -R/--recipients-file");
        Refuse(Passphrase && Identities.Count > 0, "-p/--passphrase can't be combined with -i/--identity");
    }

    private static void Refuse(bool condition, string message, string? hint = null)
    {
        if (condition)
            throw new UsageException(message, hint ?? "see `hearth age --help`");
    }
}
