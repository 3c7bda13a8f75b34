using System.Runtime.InteropServices;

namespace Hearth.Cli.Hosting;

/// <summary>
/// A file being written that asks Linux to start writing each few MiB to disk right away (sync_file_range), so the
/// fsync before it replaces its target waits for the last few MiB only, not for the whole file.
/// </summary>
internal sealed class EarlyWritebackStream(FileStream file) : Stream
{
    /// <summary>Large enough to keep the disk busy, small enough that the final fsync has little left.</summary>
    private const long Step = 8 << 20;
    private const uint StartWrite = 2; // SYNC_FILE_RANGE_WRITE: start writeback, do not wait for it.

    private long _written;
    private long _started;
    private bool _unsupported = !OperatingSystem.IsLinux();

    // Written front to back only: it reports how far it got, and like any stream that is neither readable nor
    // seekable (CanRead, CanSeek false) it refuses to read or move.
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _written;
    public override long Position { get => _written; set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await file.WriteAsync(buffer, cancellationToken);
        Advance(buffer.Length);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        file.Write(buffer, offset, count);
        Advance(count);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Advance(int count)
    {
        _written += count;
        if (_unsupported || _written - _started < Step)
            return;
        try
        {
            _unsupported = SyncFileRange((int)file.SafeFileHandle.DangerousGetHandle(), _started, _written - _started, StartWrite) != 0;
        }
        catch (EntryPointNotFoundException)
        {
            _unsupported = true;
        }
        _started = _written;
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => file.FlushAsync(cancellationToken);
    public override void Flush() => file.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static extern int SyncFileRange(int descriptor, long offset, long count, uint flags);
}
