using System.Collections.Concurrent;
using System.Diagnostics;
using Hearth.Core.Applying;
using Spectre.Console;

namespace Hearth.Cli.Rendering;

/// <summary>
/// On a terminal, a live status line under the progress lines: what is running, for how long, and how much is
/// done. It only observes; the lines themselves come from <see cref="ApplyProgressRenderer"/>.
/// </summary>
internal sealed class ApplyStatus(int total) : IApplyObserver
{
    private readonly ConcurrentDictionary<string, Stopwatch> _running = new(StringComparer.Ordinal);
    private int _finished;

    public void OnEvent(ApplyEvent applyEvent)
    {
        switch (applyEvent)
        {
            case ApplyEvent.Started started:
                _running[started.Address.ToString()] = Stopwatch.StartNew();
                break;
            case ApplyEvent.Completed or ApplyEvent.Failed:
                _running.TryRemove(applyEvent.Address.ToString(), out _);
                Interlocked.Increment(ref _finished);
                break;
            case ApplyEvent.Skipped:
                Interlocked.Increment(ref _finished);
                break;
        }
    }

    public string Describe()
    {
        var longest = _running.OrderByDescending(r => r.Value.Elapsed).Take(3)
            .Select(r => $"{Markup.Escape(r.Key)} {ApplyProgressRenderer.Elapsed(r.Value.Elapsed)}");
        var running = _running.IsEmpty ? "" : $" — running: {string.Join(", ", longest)}{(_running.Count > 3 ? ", …" : "")}";
        return $"Applying: {_finished} of {total} done{running}";
    }

    /// <summary>Runs <paramref name="work"/> under a spinner that refreshes this status until it finishes.</summary>
    public async Task<T> ShowWhileAsync<T>(IAnsiConsole console, Func<Task<T>> work) =>
        await console.Status().Spinner(Spinner.Known.Dots).StartAsync(Describe(), async context =>
        {
            var task = work();
            while (await Task.WhenAny(task, Task.Delay(250)) != task)
                context.Status(Describe());
            return await task;
        });
}
