using System.Collections.Immutable;
using Hearth.Core.Diagnostics;
using Hearth.Core.Resources;
using Hearth.Core.Values;

namespace Hearth.Testing;

/// <summary>
/// A resource kind (<c>test</c>) whose objects live in memory and whose every operation is logged, so engine
/// tests can assert order, concurrency and failure handling. <c>fail: true</c> makes create and update fail;
/// <c>delay_ms</c> makes every operation take that long.
/// </summary>
public sealed class RecordingResourceType(OperationLog log) : ResourceType
{
    private readonly ConcurrentObjects _objects = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _checked = new();

    public override string Kind => "test";

    public override string Description => "An in-memory object for engine tests.";

    public override ResourceSchema Schema { get; } = new(ImmutableArray.Create(
        new AttributeSchema("value", AttributeType.Any, AttributeUse.Optional, "Updated in place."),
        new AttributeSchema("replace_me", AttributeType.String, AttributeUse.Optional, "Forces replacement.", ForcesReplacement: true),
        new AttributeSchema("fail", AttributeType.Bool, AttributeUse.Optional, "Make create and update fail.", Default: Value.False),
        new AttributeSchema("delay_ms", AttributeType.Number, AttributeUse.Optional, "How long each operation takes.", Default: Value.Number(0)),
        new AttributeSchema("id", AttributeType.String, AttributeUse.Computed, "Assigned at creation."),
        new AttributeSchema("endpoint_seen", AttributeType.Any, AttributeUse.Computed, "providers.test.endpoint as the create saw it.")));

    /// <summary>Runs at the start of every delete, so a test can hold a delete mid-way or make it fail.</summary>
    public Func<DeleteRequest, Task>? BeforeDelete { get; set; }

    /// <summary>The <c>value</c> of every set of arguments the engine asked this kind to check, in order.</summary>
    public IReadOnlyList<string> Checked => [.. _checked];

    public override IEnumerable<AttributeProblem> Validate(MapValue config)
    {
        _checked.Enqueue(config.Get("value")?.ToText() ?? "(none)");
        return [];
    }

    /// <summary>The objects that exist now, by id.</summary>
    public IReadOnlyDictionary<string, MapValue> Objects => _objects.Snapshot();

    public override Task<MapValue?> ReadAsync(ReadRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(_objects.Get(request.Prior.GetString("id") ?? ""));

    public override async Task<MapValue> CreateAsync(CreateRequest request, CancellationToken cancellationToken)
    {
        using var running = log.Running();
        log.Add($"create {request.Address}");
        await DelayAsync(request.Config, cancellationToken);
        if (request.Config.GetBool("fail", false))
            throw new ResourceException($"{request.Address} was told to fail");
        var created = request.Config.With("id", Value.String($"{request.Address}#{Guid.NewGuid():N}"))
            .With("endpoint_seen", request.Providers.Find("test")?.Get("endpoint") ?? Value.Null);
        _objects.Put(created.GetString("id")!, created);
        return created;
    }

    public override async Task<MapValue> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken)
    {
        using var running = log.Running();
        log.Add($"update {request.Address}");
        await DelayAsync(request.Config, cancellationToken);
        if (request.Config.GetBool("fail", false))
            throw new ResourceException($"{request.Address} was told to fail");
        var updated = request.Config.With("id", request.Prior.Get("id")!).With("endpoint_seen", request.Prior.Get("endpoint_seen") ?? Value.Null);
        _objects.Put(updated.GetString("id")!, updated);
        return updated;
    }

    public override async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken)
    {
        using var running = log.Running();
        log.Add($"delete {request.Address}");
        if (BeforeDelete is { } hook)
            await hook(request);
        await DelayAsync(request.Prior, cancellationToken);
        _objects.Remove(request.Prior.GetString("id") ?? "");
    }

    /// <summary>Finds an object by id; logs the lab's arguments it was given (their <c>value</c>), so tests see what import passes.</summary>
    public override Task<MapValue?> ImportAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        log.Add($"import {request.Address} value={request.Config?.Get("value")?.ToText() ?? "(none)"}");
        return Task.FromResult(_objects.Get(request.Id));
    }

    /// <summary>Puts an object in place as if made outside Hearth; returns its id.</summary>
    public string CreateOutside(MapValue attributes)
    {
        var id = $"outside#{Guid.NewGuid():N}";
        _objects.Put(id, attributes.With("id", Value.String(id)));
        return id;
    }

    /// <summary>Changes an object behind Hearth's back, as someone editing it by hand would.</summary>
    public void Tamper(string id, Func<MapValue, MapValue> change) => _objects.Put(id, change(_objects.Get(id)!));

    public void DeleteOutside(string id) => _objects.Remove(id);

    private static Task DelayAsync(MapValue config, CancellationToken cancellationToken) =>
        config.GetNumber("delay_ms") is > 0 and var ms ? Task.Delay(TimeSpan.FromMilliseconds((double)ms!), cancellationToken) : Task.CompletedTask;

    private sealed class ConcurrentObjects
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, MapValue> _items = new(StringComparer.Ordinal);

        public MapValue? Get(string id) => _items.TryGetValue(id, out var value) ? value : null;

        public void Put(string id, MapValue value) => _items[id] = value;

        public void Remove(string id) => _items.TryRemove(id, out _);

        public IReadOnlyDictionary<string, MapValue> Snapshot() => new Dictionary<string, MapValue>(_items, StringComparer.Ordinal);
    }
}
