using System.CommandLine;
using Hearth.Cli.Hosting;
using Hearth.Cli.Rendering;

namespace Hearth.Cli.Commands;

/// <summary>
/// <c>hearth age</c>: age's command line for whole files. <c>[-e] -r RECIPIENT… [-R FILE] [-a] [-o OUTPUT] [INPUT]</c> or
/// <c>-p</c> to encrypt; <c>-d [-i IDENTITY_FILE…] [-o OUTPUT] [INPUT]</c> to decrypt, with a passphrase when no
/// <c>-i</c> is given. Passphrases are typed at the terminal, or read from HEARTH_AGE_PASSPHRASE.
/// </summary>
internal static class AgeCommand
{
    public static Command Create(CommandActions actions)
    {
        var encrypt = new Option<bool>("--encrypt", "-e") { Description = "Encrypt INPUT (the default; needed with -i)" };
        var decrypt = new Option<bool>("--decrypt", "-d") { Description = "Decrypt INPUT (armored files and passphrases are detected)" };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write to OUTPUT, which appears only once complete (and authenticated); default stdout",
            HelpName = "OUTPUT",
        };
        var armor = new Option<bool>("--armor", "-a") { Description = "Encrypt to ASCII armor (PEM-like text)" };
        var passphrase = new Option<bool>("--passphrase", "-p")
        {
            Description = $"Encrypt with a passphrase, typed at the terminal or taken from {AgeKeys.PassphraseVariable}",
        };
        var recipients = new Option<string[]>("--recipient", "-r") { Description = "Encrypt to RECIPIENT (age1…); can be repeated", HelpName = "RECIPIENT" };
        var recipientsFiles = new Option<string[]>("--recipients-file", "-R")
        {
            Description = "Encrypt to the recipients in PATH, one per line (# comments); can be repeated",
            HelpName = "PATH",
        };
        var identities = new Option<string[]>("--identity", "-i")
        {
            Description = "Decrypt with the identities (AGE-SECRET-KEY-1…) in PATH; can be repeated. With -e, encrypt to their recipients",
            HelpName = "PATH",
        };
        var input = new Argument<string?>("INPUT") { Description = "The file to read (default: stdin)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("age", "Encrypt and decrypt files as the age command does: to age1… recipients or with a passphrase");
        command.Arguments.Add(input);
        foreach (var option in new Option[] { encrypt, decrypt, output, armor, passphrase, recipients, recipientsFiles, identities })
            command.Options.Add(option);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var request = new AgeRequest(parse.GetValue(encrypt), parse.GetValue(decrypt), parse.GetValue(passphrase), parse.GetValue(armor),
                parse.GetValue(output), parse.GetValue(input), parse.GetValue(recipients) ?? [], parse.GetValue(recipientsFiles) ?? [],
                parse.GetValue(identities) ?? []);
            request.Validate();
            // Ctrl-C or SIGTERM cancels: a half-written -o is removed rather than left behind.
            using var signals = new StopSignals(context.Environment.HandleSignals);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, signals.Stop);
            try
            {
                await new AgeCommandRunner(context.Environment, new AgeKeys(context.Environment)).RunAsync(request, stop.Token);
            }
            catch (OperationCanceledException) when (signals.Stop.IsCancellationRequested)
            {
                context.Terminal.ErrorLine("Interrupted.", Styles.Warning);
                return signals.Terminated ? ExitCodes.Terminated : ExitCodes.Interrupted;
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
