using System.Runtime.InteropServices;

namespace Hearth.Cli.Hosting;

/// <summary>
/// Two levels of stop: the first Ctrl-C (or SIGTERM) stops starting new operations and lets those in flight
/// finish and save state; a second one cancels them.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly Action<string>? _notify;

    public StopSignals(bool listen, Action<string>? notify = null)
    {
        _notify = notify;
        if (!listen)
            return;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
    }

    /// <summary>Cancelled at the first signal: start nothing new.</summary>
    public CancellationToken Stop => _stop.Token;

    /// <summary>Cancelled at the second signal: cancel what is running.</summary>
    public CancellationToken Abort => _abort.Token;

    /// <summary>Set when the first signal was SIGTERM, so the run ends with 143 rather than 130.</summary>
    public bool Terminated { get; private set; }

    private void OnSignal(PosixSignalContext context)
    {
        if (_abort.IsCancellationRequested)
            return; // A third signal: let the system end the process; the journal keeps what was done.
        context.Cancel = true;
        if (!_stop.IsCancellationRequested)
            Terminated = context.Signal == PosixSignal.SIGTERM;
        if (!_stop.IsCancellationRequested)
        {
            _notify?.Invoke("Interrupt received: finishing operations in flight and saving state. Press Ctrl-C again to cancel them.");
            _stop.Cancel();
        }
        else
        {
            _notify?.Invoke("Second interrupt: cancelling operations in flight.");
            _abort.Cancel();
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _stop.Dispose();
        _abort.Dispose();
    }
}
