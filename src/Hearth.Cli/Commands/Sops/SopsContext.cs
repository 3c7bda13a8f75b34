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

    /// <summary>Where relative paths and the .sops.yaml search start: --lab when given, else the working directory.</summary>
    public string BaseDirectory => command.LabDirectory;

    public string FullPath(string path) => Path.GetFullPath(path, BaseDirectory);

    /// <summary>The keys that open files: every age identity sops would find here, and gpg.</summary>
    public async Task<SopsDataKey> KeysAsync(CancellationToken cancellationToken) =>
        new(_identities ??= await AgeIdentitySources.LoadAsync(Environment.Variables, cancellationToken), Pgp);

    /// <summary>Encrypting needs only public keys: no identity is loaded (and no key command run).</summary>
    public SopsDataKey EncryptionKeys => new([], Pgp);

    /// <summary>The store for a format, indented as --indent says, else as .sops.yaml's stores: section says.</summary>
    public ISopsStore Store(string format, int? indent)
    {
        if (indent is < 0 or > 9)
            throw new SopsCommandException(SopsExitCodes.ConflictingParameters, $"--indent {indent} is out of range", "use 0 to 9 (YAML needs at least 2)");
        if (indent is null && SopsCreation.ConfigQuietly(this)?.Stores is { } stores)
            indent = format switch { "yaml" => stores.YamlIndent, "json" => stores.JsonIndent, "binary" => stores.JsonBinaryIndent, _ => null };
        if (format == "yaml" && indent is < 2)
            throw new SopsCommandException(SopsExitCodes.ConflictingParameters, $"a YAML indent of {indent} is too small", "use 2 to 9");
        return SopsFiles.StoreFor(format, indent);
    }

    /// <summary>Writes documents with a store, refusing what it cannot hold: only YAML has several documents.</summary>
    public static byte[] Write(ISopsStore store, IReadOnlyList<SopsMap> documents, SopsMap? metadata)
    {
        if (documents.Count > 1 && store.Name != "yaml")
            throw new SopsCommandException(SopsExitCodes.ConflictingParameters, $"the file has {documents.Count} YAML documents, which {store.Name} cannot hold",
                "keep the output YAML, or split the file into one file per document");
        return store.Write(documents, metadata);
    }

    /// <summary>Reads and parses <paramref name="path"/> in the given format (or the one its name implies).</summary>
    /// <exception cref="SopsCommandException">The file cannot be read (exit 2).</exception>
    public (ISopsStore Store, SopsParsed Parsed) Read(string path, string? inputType, int? indent = null)
    {
        var fullPath = FullPath(path);
        if (!File.Exists(fullPath))
            throw new SopsCommandException(SopsExitCodes.CouldNotReadInputFile, $"{path} does not exist", "check the path");
        var store = Store(inputType ?? SopsFiles.FormatOf(path), indent);
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
        if (inPlace && output is not null)
            throw new SopsCommandException(SopsExitCodes.ConflictingParameters, "--in-place and --output cannot be used together", "choose where the result goes");
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
