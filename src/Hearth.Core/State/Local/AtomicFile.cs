namespace Hearth.Core.State.Local;

/// <summary>
/// Replaces a file so a reader (or a crash) sees either the old content or the new, never a mix:
/// write a temp file in the same directory, fsync it, rename it over the target, fsync the directory.
/// </summary>
public static class AtomicFile
{
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken,
        UnixFileMode? mode = null, string? backupPath = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        SweepLeftovers(directory, Path.GetFileName(path));
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = mode ?? (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            await using (var stream = new FileStream(temp, options))
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            if (backupPath is not null && File.Exists(path))
            {
                // The backup is replaced atomically too: it is what a user restores from.
                var backupTemp = backupPath + ".tmp";
                File.Copy(path, backupTemp, overwrite: true);
                File.Move(backupTemp, backupPath, overwrite: true);
            }
            File.Move(temp, path, overwrite: true);
            SyncDirectory(directory);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    /// <summary>
    /// Removes temp files a killed process left for this target: they may hold the same content (a whole state, a
    /// secret file), and only one writer works on a target at a time.
    /// </summary>
    private static void SweepLeftovers(string directory, string fileName)
    {
        try
        {
            foreach (var leftover in Directory.EnumerateFiles(directory, $".{fileName}.*.tmp"))
                File.Delete(leftover);
        }
        catch (IOException)
        {
            // Best effort; a leftover that cannot be removed now is removed by a later write.
        }
    }

    /// <summary>Makes a rename in <paramref name="directory"/> durable (POSIX needs an fsync of the directory itself).</summary>
    public static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
            return;
        try
        {
            using var handle = File.OpenHandle(directory, FileMode.Open, FileAccess.Read);
            RandomAccess.FlushToDisk(handle);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // Some filesystems refuse to open or sync a directory; the rename itself is still atomic there.
        }
    }
}
