using System.Text;

namespace Hearth.Cli.Hosting;

/// <summary>
/// Standard output when it is a file or a pipe: text is written in blocks instead of a system call per line (a plan
/// of thousands of resources is tens of thousands of lines), yet never more than <see cref="FlushDelay"/> behind, so
/// a log being followed still shows each step as it happens. Safe to use from several threads.
/// </summary>
internal sealed class DeferredFlushWriter : TextWriter
{
    /// <summary>Short enough to look immediate to someone following the log, long enough to gather many lines.</summary>
    public static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(50);

    private readonly TextWriter _target;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private bool _flushPending;

    /// <param name="target">A writer that buffers and does not flush by itself.</param>
    public DeferredFlushWriter(TextWriter target, TimeProvider clock)
    {
        _target = target;
        _timer = clock.CreateTimer(_ => Flush(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public override Encoding Encoding => _target.Encoding;

    public override IFormatProvider FormatProvider => _target.FormatProvider;

    public override string NewLine
    {
        get => _target.NewLine;
#pragma warning disable CS8765 // TextWriter.NewLine's setter accepts null (meaning the default); the target's does too.
        set => _target.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            _target.Write(value);
            FlushSoon();
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            _target.Write(value);
            FlushSoon();
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate)
        {
            _target.Write(buffer, index, count);
            FlushSoon();
        }
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (_gate)
        {
            _target.Write(buffer);
            FlushSoon();
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            _target.WriteLine(value);
            FlushSoon();
        }
    }

    public override void WriteLine(ReadOnlySpan<char> buffer)
    {
        lock (_gate)
        {
            _target.WriteLine(buffer);
            FlushSoon();
        }
    }

    public override void Flush()
    {
        lock (_gate)
        {
            _flushPending = false;
            _target.Flush();
        }
    }

    public override Task FlushAsync() => FlushAsync(CancellationToken.None);

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timer.Dispose();
            Flush();
        }
        base.Dispose(disposing);
    }

    private void FlushSoon()
    {
        if (_flushPending)
            return;
        _flushPending = true;
        _timer.Change(FlushDelay, Timeout.InfiniteTimeSpan);
    }
}
