using System.Text;

namespace Hearth.Cli.Hosting;

/// <summary>
/// Standard output when it is a file or a pipe: text is written in blocks instead of a system call per line (a plan
/// of thousands of resources is tens of thousands of lines), yet never more than <see cref="FlushDelay"/> behind, so
/// a log being followed still shows each step as it happens. Safe to use from several threads; each call is written
/// whole. A write that fails in the background (a full disk) is thrown by the next call, on its caller's thread.
/// </summary>
internal sealed class DeferredFlushWriter : TextWriter
{
    /// <summary>Short enough to look immediate to someone following the log, long enough to gather many lines.</summary>
    public static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(50);

    private readonly TextWriter _target;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private readonly TimeProvider _clock;
    private long _lastFlush;
    private bool _flushPending;
    private IOException? _failure;

    /// <param name="target">A writer that buffers and does not flush by itself.</param>
    public DeferredFlushWriter(TextWriter target, TimeProvider clock)
    {
        _target = target;
        _clock = clock;
        _lastFlush = clock.GetTimestamp() - (long)(FlushDelay.TotalSeconds * clock.TimestampFrequency); // Nothing written yet: the first text goes out at once.
        CoreNewLine = target.NewLine.ToCharArray();
        _timer = clock.CreateTimer(_ => FlushInBackground(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public override Encoding Encoding => _target.Encoding;

    public override IFormatProvider FormatProvider => _target.FormatProvider;

    public override void Write(char value)
    {
        lock (_gate)
        {
            ThrowEarlierFailure();
            _target.Write(value);
            FlushSoon();
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            ThrowEarlierFailure();
            _target.Write(value);
            FlushSoon();
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (_gate)
        {
            ThrowEarlierFailure();
            _target.Write(buffer);
            FlushSoon();
        }
    }

    public override void WriteLine() => WriteLine(ReadOnlySpan<char>.Empty);

    public override void WriteLine(string? value) => WriteLine(value.AsSpan());

    public override void WriteLine(char[] buffer, int index, int count) => WriteLine(buffer.AsSpan(index, count));

    /// <summary>The text and its line end in one locked write, so lines from several threads never interleave.</summary>
    public override void WriteLine(ReadOnlySpan<char> buffer)
    {
        lock (_gate)
        {
            ThrowEarlierFailure();
            _target.Write(buffer);
            _target.Write(CoreNewLine);
            FlushSoon();
        }
    }

    public override void Flush()
    {
        lock (_gate)
        {
            ThrowEarlierFailure();
            _flushPending = false;
            _target.Flush();
            _lastFlush = _clock.GetTimestamp();
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

    /// <summary>
    /// Text after a quiet spell goes out at once (a short command's one line needs no timer thread); text that follows
    /// within <see cref="FlushDelay"/> waits for the timer, so a burst of lines is written together.
    /// </summary>
    private void FlushSoon()
    {
        if (_flushPending)
            return;
        if (_clock.GetElapsedTime(_lastFlush) >= FlushDelay)
        {
            _target.Flush();
            _lastFlush = _clock.GetTimestamp();
            return;
        }
        _flushPending = true;
        _timer.Change(FlushDelay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The timer's flush: a failure here would end the process, so it is kept for the next caller instead.</summary>
    private void FlushInBackground()
    {
        lock (_gate)
        {
            if (_failure is not null)
                return;
            _flushPending = false;
            try
            {
                _target.Flush();
                _lastFlush = _clock.GetTimestamp();
            }
            catch (IOException e)
            {
                _failure = e;
            }
        }
    }

    private void ThrowEarlierFailure()
    {
        if (_failure is { } failure)
            throw new IOException($"writing standard output failed: {failure.Message}", failure);
    }
}
