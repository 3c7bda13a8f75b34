using Hearth.Core.State.Local;

namespace Hearth.Cli.Hosting;

/// <summary>
/// An output file that appears whole or not at all: the content goes to a hidden temp file beside it, which replaces
/// it only on <see cref="CommitAsync"/>; disposing without committing deletes the temp file. So a decryption that fails
/// halfway (a truncated or changed file, Ctrl-C) leaves no partial plaintext under the file's name. A device or pipe
/// (<c>-o /dev/null</c>) cannot be replaced and is written directly. The temp file is flushed to disk before the rename
/// (a crash must not leave an empty file under the name), with writeback started as it is written so that flush is short.
/// </summary>
internal sealed class PendingOutputFile : IAsyncDisposable
{
    private readonly string? _target;
    private readonly string? _temp;
    private readonly FileStream _stream;
    private bool _committed;

    private PendingOutputFile(FileStream stream, string? target, string? temp)
    {
        (_stream, _target, _temp) = (stream, target, temp);
        Stream = temp is null ? stream : new EarlyWritebackStream(stream);
    }

    /// <summary>Where to write the content.</summary>
    public Stream Stream { get; }

    /// <param name="path">The file to replace; a symbolic link is followed, so the file it names is replaced.</param>
    /// <param name="newFileMode">The mode of a new file; an existing file keeps its own.</param>
    /// <exception cref="IOException">The directory does not exist or is not writable.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory does not exist or is not writable.</exception>
    public static PendingOutputFile Create(string path, UnixFileMode newFileMode)
    {
        var link = new FileInfo(path);
        var target = link.LinkTarget is null ? path : link.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        var exists = File.Exists(target);
        if (exists && !UnixFileType.IsRegularFile(target))
            return new PendingOutputFile(new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0), null, null);
        var directory = Path.GetDirectoryName(target)!;
        var name = Path.GetFileName(target);
        foreach (var leftover in Directory.EnumerateFiles(directory, $".{name}.*.hearth-tmp"))
            TryDelete(leftover); // A killed run's partial output.
        var temp = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.hearth-tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = exists ? File.GetUnixFileMode(target) : newFileMode;
        return new PendingOutputFile(new FileStream(temp, options), target, temp);
    }

    /// <summary>Makes the content durable and puts it in place of the file.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _stream.FlushAsync(cancellationToken);
        if (_temp is null)
        {
            _committed = true;
            return;
        }
        _stream.Flush(flushToDisk: true);
        await _stream.DisposeAsync();
        File.Move(_temp, _target!, overwrite: true);
        _committed = true;
        AtomicFile.SyncDirectory(Path.GetDirectoryName(_target!)!);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        if (!_committed && _temp is not null)
            TryDelete(_temp);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the next write to this file sweeps it.
        }
    }
}
