using System.Collections.Concurrent;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Resources;
using Hearth.Core.State;
using Hearth.Core.Values;

namespace Hearth.Core.Planning;

/// <summary>
/// Reads every object in the state to learn what exists now. Reads run in parallel up to a bound; kinds that
/// offer <see cref="IBatchedRead"/> are read one group at a time, so cost grows with groups, not objects.
/// </summary>
internal sealed class Refresher(ResourceTypeRegistry registry, string labDirectory, int parallelism, ProviderSettings providers)
{
    public async Task<(StateDocument Refreshed, IReadOnlyList<ResourceDrift> Drift)> RefreshAsync(
        StateDocument prior, Func<ResourceAddress, bool> include, CancellationToken cancellationToken)
    {
        var work = new List<Func<CancellationToken, Task>>();
        var results = new ConcurrentDictionary<ResourceAddress, MapValue?>();
        var singles = new List<(ResourceType Type, ReadRequest Request)>();
        var batches = new Dictionary<(string Kind, BatchKey Key), List<ReadRequest>>();
        foreach (var instance in prior.Resources.Values.Where(i => include(i.Address)))
        {
            var type = registry.Find(instance.Kind) ?? throw new StateException(
                $"the state holds {instance.Address}, of kind `{instance.Kind}`, which this build of hearth does not know",
                $"use a hearth build with that kind, or drop it from the state with `hearth state rm {instance.Address}`");
            var request = new ReadRequest(instance.Address, labDirectory, instance.Attributes) { Providers = providers };
            if (type is IBatchedRead batched)
            {
                var key = (type.Kind, batched.BatchKeyOf(request));
                if (!batches.TryGetValue(key, out var list))
                    batches[key] = list = [];
                list.Add(request);
            }
            else
            {
                singles.Add((type, request));
            }
        }
        foreach (var (type, request) in singles)
            work.Add(async token => results[request.Address] = await ReadAsync(type, request, token));
        foreach (var ((kind, key), requests) in batches)
        {
            var type = registry.Find(kind)!;
            work.Add(async token =>
            {
                var found = await ((IBatchedRead)type).ReadBatchAsync(key, requests, token);
                foreach (var request in requests)
                    results[request.Address] = found.TryGetValue(request.Address, out var value) && value is not null
                        ? KeepMarks(type, request.Prior, value)
                        : null;
            });
        }
        await RunBoundedAsync(work, cancellationToken);

        var refreshed = prior;
        var drift = new List<ResourceDrift>();
        foreach (var (address, observed) in results.OrderBy(r => r.Key))
        {
            var instance = prior.Resources[address];
            if (observed is null)
            {
                drift.Add(new ResourceDrift(address, instance.Attributes, null));
                refreshed = refreshed.With(new StateChange.RemoveResource(address));
            }
            else if (!observed.Unmarked().Equals(instance.Attributes.Unmarked()))
            {
                drift.Add(new ResourceDrift(address, instance.Attributes, observed));
                refreshed = refreshed.With(new StateChange.PutResource(instance with { Attributes = observed }));
            }
        }
        return (refreshed, drift);
    }

    /// <summary>
    /// Starts the reads one after another, keeping at most <c>parallelism</c> unfinished at once. Reads that complete
    /// synchronously (most local kinds) cost no scheduling at all.
    /// </summary>
    private async Task RunBoundedAsync(List<Func<CancellationToken, Task>> work, CancellationToken cancellationToken)
    {
        var running = new List<Task>(parallelism);
        foreach (var item in work)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var task = item(cancellationToken);
            if (task.IsCompleted)
            {
                await task;
                continue;
            }
            running.Add(task);
            if (running.Count >= parallelism)
            {
                await Task.WhenAny(running);
                foreach (var done in running.Where(t => t.IsCompleted).ToList())
                {
                    running.Remove(done);
                    await done;
                }
            }
        }
        await Task.WhenAll(running);
    }

    /// <summary>
    /// What was sensitive stays sensitive: a value that came from a secret is still one after the object is read back,
    /// whatever the kind returns.
    /// </summary>
    private static MapValue KeepMarks(ResourceType type, MapValue prior, MapValue observed) =>
        (MapValue)SchemaMarks.Apply(type.Schema, observed).WithSensitivePaths(prior.SensitivePaths());

    private static async Task<MapValue?> ReadAsync(ResourceType type, ReadRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var observed = await type.ReadAsync(request, cancellationToken);
            return observed is null ? null : KeepMarks(type, request.Prior, observed);
        }
        catch (ResourceException e)
        {
            throw new PlanException($"refreshing {request.Address} failed: {e.Message}", e.Hint);
        }
    }
}
