using Hearth.Cli.Hosting;
using Hearth.Secrets;
using Hearth.Secrets.Age;

namespace Hearth.Cli.Commands;

/// <summary>
/// Runs one <c>hearth age</c> request: streams INPUT (or stdin) through the encryptor or decryptor to <c>-o</c> (or
/// stdout). <c>-o</c> is a <see cref="PendingOutputFile"/>, so it appears only once every chunk is written and, when
/// decrypting, authenticated.
/// </summary>
internal sealed class AgeCommandRunner(CliEnvironment environment, AgeKeys keys)
{
    /// <summary>New plaintext files are the owner's alone; ciphertext may be read by others, as age leaves it.</summary>
    private const UnixFileMode PlaintextMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode CiphertextMode = PlaintextMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <exception cref="AgeCommandException">A file cannot be read, written, or opened with the keys given.</exception>
    public async Task RunAsync(AgeRequest request, CancellationToken cancellationToken)
    {
        if (!request.Decrypt && !request.Armor && request.Output is null && environment.OutputIsTerminal)
            throw new UsageException("refusing to write binary to the terminal", "did you mean -a/--armor? Use -o FILE, or \"-o -\" to force it");
        var input = await OpenInputAsync(request, cancellationToken);
        // Reads and writes are wrapped so Ctrl-C stops a run waiting on a stalled pipe (and its -o is removed).
        try
        {
            if (request.Decrypt)
                await DecryptAsync(request, new InterruptibleStream(input), cancellationToken);
            else
                await EncryptAsync(request, new InterruptibleStream(input), cancellationToken);
        }
        finally
        {
            if (!request.InputIsStandard)
                await input.DisposeAsync();
        }
    }

    private async Task EncryptAsync(AgeRequest request, Stream input, CancellationToken cancellationToken)
    {
        var recipients = await keys.RecipientsAsync(request, cancellationToken);
        await WriteAsync(request, CiphertextMode, (output, token) => AgeEncryptor.EncryptAsync(input, output, recipients, request.Armor, token), cancellationToken);
    }

    private async Task DecryptAsync(AgeRequest request, Stream input, CancellationToken cancellationToken)
    {
        var reader = await Guard(request, () => AgeReader.OpenAsync(input, cancellationToken));
        // The header says whether a passphrase is needed, so nobody is asked for one a file does not use.
        var identities = await keys.IdentitiesAsync(request, reader.IsPassphraseEncrypted, cancellationToken);
        await WriteAsync(request, PlaintextMode, (output, token) => reader.DecryptToAsync(output, identities, token), cancellationToken);
    }

    private async Task WriteAsync(AgeRequest request, UnixFileMode newFileMode, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        if (request.OutputIsStandard)
        {
            // Without a byte stream (an in-process run on text writers) the result is written at the end, as text.
            var stdout = environment.RawOutput ?? new MemoryStream();
            await environment.Output.FlushAsync(cancellationToken);
            await Guard(request, () => write(new InterruptibleStream(stdout), cancellationToken));
            await stdout.FlushAsync(cancellationToken);
            if (environment.RawOutput is null)
                await environment.WriteOutputAsync(((MemoryStream)stdout).ToArray(), cancellationToken);
            return;
        }
        PendingOutputFile file;
        try
        {
            file = PendingOutputFile.Create(Path.GetFullPath(request.Output!, environment.WorkingDirectory), newFileMode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgeCommandException($"cannot write {request.Output}: {e.Message}", "check that its directory exists and is writable", e);
        }
        await using (file)
        {
            await Guard(request, () => write(new InterruptibleStream(file.Stream), cancellationToken));
            await file.CommitAsync(cancellationToken);
        }
    }

    private async Task<Stream> OpenInputAsync(AgeRequest request, CancellationToken cancellationToken)
    {
        if (request.InputIsStandard)
            return await environment.OpenInputAsync(cancellationToken);
        try
        {
            return new FileStream(Path.GetFullPath(request.Input!, environment.WorkingDirectory), new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite,
                BufferSize = 0, // The age reader and writer read a MiB at a time: a FileStream buffer would only copy.
                Options = FileOptions.SequentialScan,
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgeCommandException($"cannot read {request.Input}: {e.Message}", "check the path and its permissions", e);
        }
    }

    /// <summary>Reports the age library's failures and I/O errors with the file they are about.</summary>
    private static async Task Guard(AgeRequest request, Func<Task> run) => await Guard(request, async () =>
    {
        await run();
        return true;
    });

    private static async Task<T> Guard<T>(AgeRequest request, Func<Task<T>> run)
    {
        var name = request.InputIsStandard ? "standard input" : request.Input;
        try
        {
            return await run();
        }
        catch (SecretsException e)
        {
            throw new AgeCommandException(request.Decrypt ? $"cannot decrypt {name}: {e.Message}" : $"cannot encrypt {name}: {e.Message}", e.Hint, e);
        }
        catch (IOException e)
        {
            throw new AgeCommandException($"{(request.Decrypt ? "decrypting" : "encrypting")} {name} failed: {e.Message}", "check the disk space and the files' permissions", e);
        }
    }
}
