using System.Collections.Concurrent;
using System.Diagnostics;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Evaluation;
using Hearth.Core.Labs;
using Hearth.Core.Planning;
using Hearth.Core.Resources;
using Hearth.Core.State;
using Hearth.Core.Values;

namespace Hearth.Core.Applying;

public sealed partial class Applier
{
    /// <summary>One apply in progress: executes single changes and keeps the tallies.</summary>
    private sealed class Run(Applier applier, Lab lab, IStateSession session, LabScope scope, ResourceReferenceResolver resolver,
        ResourceValueTable values, ProviderSettings providers, ApplyOptions options, CancellationToken abort)
    {
        private int _added;
        private int _changed;
        private int _destroyed;

        /// <summary>Resources whose apply gave a value other than the one the plan showed: what refers to them is evaluated again.</summary>
        private readonly ConcurrentDictionary<ResourceAddress, byte> _diverged = new();

        public LabScope Scope => scope;
        public ConcurrentBag<ResourceOperationError> Errors { get; } = [];
        public int Added => _added;
        public int Changed => _changed;
        public int Destroyed => _destroyed;

        /// <summary>Carries out one change; returns false (after reporting) when it failed.</summary>
        public async Task<bool> ExecuteAsync(ResourceChange change)
        {
            var observer = new SafeObserver(applier.Observer);
            observer.OnEvent(new ApplyEvent.Started(change.Address, change.Action));
            var clock = Stopwatch.StartNew();
            var operation = ExecuteCoreAsync(change);
            while (await Task.WhenAny(operation, Task.Delay(options.Interval, CancellationToken.None)) != operation)
                observer.OnEvent(new ApplyEvent.StillRunning(change.Address, change.Action, clock.Elapsed));
            try
            {
                var id = await operation;
                observer.OnEvent(new ApplyEvent.Completed(change.Address, change.Action, clock.Elapsed, id));
                return true;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var message = e switch
                {
                    OperationCanceledException => "cancelled while in progress",
                    HearthException h => h.Hint is null ? h.Message : $"{h.Message}\n  {h.Hint}",
                    _ => $"unexpected error ({e.GetType().Name}): {e.Message}",
                };
                Errors.Add(new ResourceOperationError(change.Address.ToString(), Verb(change.Action), message));
                observer.OnEvent(new ApplyEvent.Failed(change.Address, change.Action, clock.Elapsed, message));
                return false;
            }
        }

        private async Task<string?> ExecuteCoreAsync(ResourceChange change)
        {
            var type = applier.Registry.Find(change.Address.Kind)!;
            if (change.DeposedKey is { } deposedKey)
            {
                await DeleteDeposedAsync(type, change.Address, deposedKey);
                return null;
            }
            var prior = session.Current.Find(change.Address);
            switch (change.Action)
            {
                case ChangeAction.Delete:
                    await DeleteAsync(type, change, prior);
                    return null;
                case ChangeAction.Update:
                {
                    var config = lab.FindResource(change.Address)!;
                    var arguments = Planner.ApplyIgnoreChanges(config, Arguments(config, change), prior!.Attributes);
                    var planned = type.Plan(new PlanRequest(change.Address, lab.Directory, arguments, prior.Attributes));
                    var result = await type.UpdateAsync(new UpdateRequest(change.Address, lab.Directory, prior.Attributes, arguments, planned) { Providers = providers, Note = NoteFor(change) }, abort);
                    await RecordAsync(config, change, type, arguments, result);
                    Interlocked.Increment(ref _changed);
                    return result.GetString("id");
                }
                case ChangeAction.DeleteThenCreate:
                    await DeleteAsync(type, change, prior);
                    return await CreateAsync(type, change);
                case ChangeAction.CreateThenDelete:
                    return await ReplaceCreatingFirstAsync(type, change, prior);
                case ChangeAction.Create:
                    return await CreateAsync(type, change);
                default:
                    return null;
            }
        }

        private async Task<string?> CreateAsync(ResourceType type, ResourceChange change)
        {
            var config = lab.FindResource(change.Address)!;
            var arguments = Arguments(config, change);
            if (change.Before is { } before)
                arguments = Planner.ApplyIgnoreChanges(config, arguments, before); // A replacement keeps ignored attributes too.
            var planned = type.Plan(new PlanRequest(change.Address, lab.Directory, arguments, null));
            await session.RecordCreatingAsync(Instance(config, change, KnownPart(planned)), abort);
            MapValue result;
            try
            {
                result = await type.CreateAsync(new CreateRequest(change.Address, lab.Directory, arguments, planned) { Providers = providers, Note = NoteFor(change) }, abort);
            }
            catch when (session.Current.Find(change.Address) is null)
            {
                // The kind reported the creation failed: settle the record, so a later crash does not turn it into a
                // tainted object that was never made.
                await session.RecordAsync(new StateChange.RemoveResource(change.Address), CancellationToken.None);
                throw;
            }
            await RecordAsync(config, change, type, arguments, result);
            Interlocked.Increment(ref _added);
            return result.GetString("id");
        }

        /// <summary>
        /// Create-before-destroy: the old object is deposed in the state before the new one is made, so a run
        /// that stops anywhere in between leaves both recorded, and the next plan deletes what is left of the old.
        /// </summary>
        private async Task<string?> ReplaceCreatingFirstAsync(ResourceType type, ResourceChange change, ResourceInstanceState? prior)
        {
            if (prior is null)
                return await CreateAsync(type, change);
            var key = DeposedObject.NewKey();
            await session.RecordAsync(new StateChange.Depose(change.Address, key), abort);
            string? id;
            try
            {
                id = await CreateAsync(type, change);
            }
            catch when (session.Current.Find(change.Address) is null)
            {
                // Nothing new was made: the old object keeps the address.
                await session.RecordAsync(new StateChange.RestoreDeposed(change.Address, key), CancellationToken.None);
                throw;
            }
            await DeleteDeposedAsync(type, change.Address, key);
            return id;
        }

        private async Task DeleteDeposedAsync(ResourceType type, ResourceAddress address, string key)
        {
            if (session.Current.FindDeposed(address, key) is not { } deposed)
                return;
            // A replacement that took over the very same object (a file at the same path) must not delete it.
            var id = deposed.Instance.Attributes.GetString("id");
            var deleting = id is null || id != session.Current.Find(address)?.Attributes.GetString("id");
            if (deleting)
                await type.DeleteAsync(new DeleteRequest(address, lab.Directory, deposed.Instance.Attributes) { Providers = providers }, abort);
            await session.RecordAsync(new StateChange.ForgetDeposed(address, key), abort);
            if (deleting)
                Interlocked.Increment(ref _destroyed);
        }

        private async Task DeleteAsync(ResourceType type, ResourceChange change, ResourceInstanceState? prior)
        {
            // An undeclared object found in a space the lab manages whole was never in the state: the plan carries it.
            var attributes = prior?.Attributes ?? (change.Reason == ChangeReason.Undeclared ? change.Before : null);
            if (attributes is not null)
                await type.DeleteAsync(new DeleteRequest(change.Address, lab.Directory, attributes) { Providers = providers, Note = NoteFor(change) }, abort);
            await session.RecordAsync(new StateChange.RemoveResource(change.Address), abort);
            values.Remove(change.Address);
            Interlocked.Increment(ref _destroyed);
        }

        /// <summary>Notes a kind makes about <paramref name="change"/>, published as apply events.</summary>
        private Action<string> NoteFor(ResourceChange change) =>
            text => new SafeObserver(applier.Observer).OnEvent(new ApplyEvent.Noted(change.Address, change.Action, text));

        private MapValue Arguments(ResourceConfig config, ResourceChange change)
        {
            // What the plan evaluated still holds unless something it refers to came out otherwise than planned.
            if (change.Arguments is { } planned && !config.Dependencies.Any(d => _diverged.ContainsKey(d.Resource)))
                return planned;
            var each = change.Address.Key is null ? ((Value, Value)?)null : (Value.String(change.Address.Key), change.EachValue ?? Value.Null);
            return InstanceArguments.Evaluate(config, new Evaluator(resolver, scope.ForInstance(each)), change.Address.ToString());
        }

        private async Task RecordAsync(ResourceConfig config, ResourceChange change, ResourceType type, MapValue arguments, MapValue result)
        {
            var marked = SchemaMarks.Apply(type.Schema, CarrySensitivity(arguments, result));
            if (change.After is { } planned && Diverges(planned, marked))
                _diverged.TryAdd(change.Address.Resource, 0);
            await session.RecordAsync(new StateChange.PutResource(Instance(config, change, marked)), abort);
            values.Set(change.Address, marked);
        }

        /// <summary>An attribute the plan showed as known came out different.</summary>
        private static bool Diverges(MapValue planned, MapValue applied) =>
            planned.Entries.Any(e => !e.Value.ContainsUnknown && !Equals(e.Value.Unmarked(), (applied.Get(e.Key) ?? Value.Null).Unmarked()));

        private static ResourceInstanceState Instance(ResourceConfig config, ResourceChange change, MapValue attributes) =>
            new(change.Address, attributes, config.Dependencies, Tainted: false, config.Lifecycle.CreateBeforeDestroy);

        /// <summary>An attribute set from a sensitive value stays sensitive in what the type returned.</summary>
        private static MapValue CarrySensitivity(MapValue arguments, MapValue result)
        {
            var entries = result.Entries;
            foreach (var (name, argument) in arguments.Entries)
            {
                if (argument.ContainsSensitive && entries.TryGetValue(name, out var value) && !value.ContainsSensitive)
                    entries = entries.SetItem(name, value.MarkSensitive());
            }
            return new MapValue(entries);
        }

        /// <summary>The planned object without its unknowns (null until apply tells), for the crash-safety record.</summary>
        private static MapValue KnownPart(MapValue planned) => !planned.ContainsUnknown ? planned :
            new(new ValueMap(planned.Entries.Select(e => KeyValuePair.Create(e.Key, e.Value.ContainsUnknown ? Value.Null : e.Value))));

        private static string Verb(ChangeAction action) => action switch
        {
            ChangeAction.Create => "create",
            ChangeAction.Update => "update",
            ChangeAction.Delete => "delete",
            _ => "replace",
        };
    }
}
