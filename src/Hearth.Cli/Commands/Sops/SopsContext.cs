using Hearth.Cli.Rendering;
using Hearth.Core.State.Local;
using Hearth.Secrets;
using Hearth.Secrets.Age;
using Hearth.Secrets.Pgp;
using Hearth.Secrets.Sops;
using Hearth.Secrets.Stores;

namespace Hearth.Cli.Commands.Sops;

/// <summary>What a <c>hearth sops</c> command works with: the keys sops would find here, and files read and written safely.</summary>
internal sealed class SopsContext(CommandContext command)
{
    private IReadOnlyList<AgeIdentity>? _identities;

    public CommandContext Command => command;

    public Terminal Terminal => command.Terminal;

    public Hosting.CliEnvironment Environment => command.Environment;

    public IPgpKeyService Pgp { get; } = new GpgKeyService(command.Environment.Variables);

    public string FullPath(string path) => Path.GetFullPath(path, Environment.WorkingDirectory);

    public async Task<SopsDataKey> KeysAsync(CancellationToken cancellationToken) =>
        new(_identities ??= await AgeIdentitySources.LoadAsync(Environment.Variables, cancellationToken), Pgp);

    /// <summary>Reads and parses <paramref name="path"/> in the given format (or the one its name implies).</summary>
    /// <exception cref="SopsCommandException">The file cannot be read (exit 2).</exception>
    public (ISopsStore Store, SopsParsed Parsed) Read(string path, string? inputType, int? indent = null)
    {
        var fullPath = FullPath(path);
        if (!File.Exists(fullPath))
            throw new SopsCommandException(SopsExitCodes.CouldNotReadInputFile, $"{path} does not exist", "check the path");
        var store = SopsFiles.StoreFor(inputType ?? SopsFiles.FormatOf(path), indent);
        return (store, store.Parse(SopsFiles.ReadBytes(fullPath, path), path));
    }

    /// <summary>Opens an encrypted file: its documents in the clear, with the data key and IVs to write it back.</summary>
    public async Task<(SopsDocument Document, SopsOpened Opened)> OpenAsync(SopsParsed parsed, string path, bool ignoreMac, CancellationToken cancellationToken)
    {
        if (!parsed.IsEncrypted)
            throw new SopsCommandException(SopsExitCodes.CouldNotReadInputFile, $"{path} is not encrypted with SOPS: it has no sops metadata",
                "encrypt it first with `hearth sops -e -i FILE`");
        var document = parsed.ToDocument(path);
        var keys = await KeysAsync(cancellationToken);
        var dataKey = keys.Recover(document.Metadata, path, cancellationToken);
        var stash = new SopsIvStash();
        return (document, new SopsOpened(SopsDecryptor.Decrypt(document, dataKey, path, stash, ignoreMac), dataKey, stash));
    }

    /// <summary>Writes the result where sops would: in place (atomically, keeping the file's mode), to --output, or to stdout.</summary>
    public async Task WriteAsync(byte[] content, string path, bool inPlace, string? output, CancellationToken cancellationToken)
    {
        var target = inPlace ? FullPath(path) : output is null ? null : FullPath(output);
        if (target is null)
        {
            await Environment.WriteOutputAsync(content, cancellationToken);
            return;
        }
        try
        {
            var mode = File.Exists(target) && !OperatingSystem.IsWindows() ? File.GetUnixFileMode(target) : UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await AtomicFile.WriteAsync(target, content, cancellationToken, mode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SopsCommandException(SopsExitCodes.CouldNotWriteOutputFile, $"cannot write {target}: {e.Message}", "check the directory exists and is writable");
        }
    }
}
