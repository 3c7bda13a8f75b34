using Hearth.Dns.Records;

namespace Hearth.Dns.Providers;

/// <summary>
/// Gathers the changes to one zone that arrive while a request is in flight and sends them together in the next one
/// (group commit), as many as one request holds. When a batch fails, each of its changes is sent alone, so every
/// change gets its own outcome and one conflicting record set never fails the others.
/// </summary>
internal sealed class DnsWriteBatcher(IBatchingDnsZoneProvider provider, DnsName zone)
{
    private readonly Lock _gate = new();
    private readonly Queue<Pending> _queue = new();
    private bool _sending;

    /// <summary>Completes once the change is made, or fails with the change's own error.</summary>
    /// <param name="cancellationToken">Cancels the request carrying the change, when every change in it is cancelled by the same token.</param>
    public Task SubmitAsync(DnsZoneChange change, CancellationToken cancellationToken)
    {
        var pending = new Pending(change, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        lock (_gate)
        {
            _queue.Enqueue(pending);
            if (!_sending)
            {
                _sending = true;
                // Not awaited here: the loop completes every change it takes, and each submitter awaits its own.
                _ = Task.Run(SendLoopAsync, CancellationToken.None);
            }
        }
        return pending.Done.Task;
    }

    /// <summary>Runs until the queue is empty; every change it takes is completed one way or the other.</summary>
    private async Task SendLoopAsync()
    {
        while (TakeBatch() is { } batch)
        {
            try
            {
                await provider.ApplyAsync(zone, [.. batch.Select(p => p.Change)], SharedToken(batch));
                foreach (var pending in batch)
                    pending.Done.SetResult();
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var pending in batch)
                    await SendAloneAsync(pending);
            }
            catch (Exception e)
            {
                batch[0].Done.SetException(e);
            }
        }
    }

    private async Task SendAloneAsync(Pending pending)
    {
        try
        {
            await provider.ApplyAsync(zone, [pending.Change], pending.Token);
            pending.Done.SetResult();
        }
        catch (Exception e)
        {
            pending.Done.SetException(e);
        }
    }

    /// <summary>The next batch: queued changes in order while they fit one request, never two for the same record set.</summary>
    private List<Pending>? TakeBatch()
    {
        lock (_gate)
        {
            if (_queue.Count == 0)
            {
                _sending = false;
                return null;
            }
            var batch = new List<Pending>();
            var keys = new HashSet<DnsRecordKey>();
            var cost = 0;
            while (_queue.TryPeek(out var next))
            {
                var nextCost = provider.CostOf(next.Change);
                if (batch.Count > 0 && (cost + nextCost > provider.BatchBudget || keys.Contains(next.Change.Key)))
                    break;
                batch.Add(_queue.Dequeue());
                keys.Add(next.Change.Key);
                cost += nextCost;
            }
            return batch;
        }
    }

    /// <summary>
    /// The token a request may honour: its changes' own when they share one (the changes of one apply all carry its
    /// abort token), otherwise none, since cancelling would cut short changes whose callers still wait for them.
    /// </summary>
    private static CancellationToken SharedToken(List<Pending> batch) =>
        batch.All(p => p.Token == batch[0].Token) ? batch[0].Token : CancellationToken.None;

    private sealed record Pending(DnsZoneChange Change, TaskCompletionSource Done, CancellationToken Token);
}
