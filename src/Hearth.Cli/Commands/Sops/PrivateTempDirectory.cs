namespace Hearth.Cli.Commands.Sops;

/// <summary>
/// A directory only the user can enter (0700) for decrypted content, on a RAM-backed filesystem where there is
/// one (/dev/shm), so plaintext does not reach a disk; deleted with everything in it on dispose.
/// </summary>
internal sealed class PrivateTempDirectory : IDisposable
{
    private PrivateTempDirectory(string path) => Path = path;

    public string Path { get; }

    public static PrivateTempDirectory Create()
    {
        var root = Directory.Exists("/dev/shm") && !OperatingSystem.IsWindows() ? "/dev/shm" : System.IO.Path.GetTempPath();
        var path = System.IO.Path.Combine(root, "hearth-sops-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)));
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new PrivateTempDirectory(path);
    }

    /// <summary>Writes a file readable and writable by the user only.</summary>
    public async Task<string> WriteAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        var file = System.IO.Path.Combine(Path, name);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var stream = new FileStream(file, options))
            await stream.WriteAsync(content, cancellationToken);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }
}
