using Hearth.Core.Diagnostics;
using Hearth.Core.State.Local;

namespace Hearth.Core.State.Remote;

public sealed partial class RemoteStateSession
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Whether the store holds <paramref name="state"/> already (or there is nothing to store: a new, empty state).</summary>
    private bool IsStored(StateDocument state) => _stored is null
        ? state.Serial == 0 && state.IsEmpty
        : state.Serial == _stored.Serial && state.Lineage == _stored.Lineage;

    private async Task StoreAsync(bool always, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var state = Current;
            if (!always && IsStored(state))
                return;
            byte[]? content = null;
            try
            {
                content = _codec.Encode(state);
                var expected = await CheckStoreAsync(cancellationToken);
                _storedVersion = await _store.WriteAsync(content, expected, cancellationToken);
                _stored = state;
            }
            catch (Exception e)
            {
                throw await SaveErroredAsync(state, content, e);
            }
            try
            {
                await _cache.MarkStoredAsync(state, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A stale mark only makes a later recovery set the cache aside instead of continuing from it: nothing is lost.
            }
            if (_storedPlain)
            {
                _storedPlain = false;
                Report(RemoteStateNoticeKind.StateEncrypted, $"the state in {_store.Location} is now encrypted to {_codec.Encryption!.Recipients}");
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Reads the store again just before writing and returns the version to write over. The lock keeps other runs out,
    /// but a run that lost its lock (force-unlock) or a store without compare-and-swap could have moved the state: refuse
    /// to overwrite another lineage or a serial beyond the one this run started from.
    /// </summary>
    private async Task<string?> CheckStoreAsync(CancellationToken cancellationToken)
    {
        var now = await _store.ReadAsync(cancellationToken);
        if (now is null || now.Version == _storedVersion)
            return now?.Version;
        var found = await _codec.DecodeAsync(now.Content, _store.Location, cancellationToken);
        if (_stored is null)
            throw new StateException(
                $"another run stored a state in {_store.Location} after this run started from none (lineage {found.Lineage}, serial {found.Serial})",
                "someone wrote without holding the lock; compare the two with `hearth state pull` before pushing this run's state");
        if (found.Lineage != _stored.Lineage)
            throw new StateException(
                $"the state in {_store.Location} now has lineage {found.Lineage}, not {_stored.Lineage} that this run started from",
                "another lab's state was pushed or migrated there; check the lab's `state:` settings before pushing this run's state");
        if (found.Serial > _stored.Serial)
            throw new StateException(
                $"the state in {_store.Location} moved on while this run held the lock (serial {found.Serial} there, this run started from {_stored.Serial})",
                "another run wrote it after a force-unlock, or without the lock; compare with `hearth state pull` before pushing this run's state");
        return now.Version;
    }

    /// <summary>Saves a state the store refused to <c>errored.hearth-state</c> and returns the error that says where it is.</summary>
    private async Task<StateException> SaveErroredAsync(StateDocument state, byte[]? content, Exception cause)
    {
        var path = _options.ErroredStatePath;
        var what = $"serial {state.Serial}, {state.Resources.Count} resource instance(s)";
        var cached = $"a run on this machine also recovers it by itself from {_cache.Directory}";
        if (content is not null)
        {
            try
            {
                await AtomicFile.WriteAsync(path, content, CancellationToken.None, OwnerReadWrite);
                var encrypted = _codec.Encryption is { } encryption ? $", encrypted to {encryption.Recipients}" : "";
                return new StateException(
                    $"could not write the state to {_store.Location}: {cause.Message}. The state was NOT lost: it is saved in {path} ({what}{encrypted})",
                    $"fix the cause, then run `hearth state push errored.hearth-state` in {Path.GetDirectoryName(path)}; {cached}", cause);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new StateException(
                    $"could not write the state to {_store.Location} ({cause.Message}), nor to {path} ({e.Message}). The state was NOT lost: it is in the recovery cache {_cache.Directory} ({what})",
                    $"fix the cause; {cached}, or copy {_cache.Paths.Snapshot} and its journal somewhere safe first", cause);
            }
        }
        return new StateException(
            $"could not prepare the state for {_store.Location}: {cause.Message}. The state was NOT lost: it is in the recovery cache {_cache.Directory} ({what})",
            $"fix the cause; {cached}", cause);
    }

    /// <summary>
    /// An interrupted run's changes that no longer continue the stored state: never dropped silently, they are saved
    /// beside the lab for the user to compare, and this run goes on from the store.
    /// </summary>
    private async Task SetAsideAsync(StateDocument setAside, StateDocument? stored, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetDirectoryName(_options.ErroredStatePath)!, RemoteStateBackend.InterruptedRunFileName);
        await AtomicFile.WriteAsync(path, _codec.Encode(setAside), cancellationToken, OwnerReadWrite);
        Report(RemoteStateNoticeKind.DiscardedRecoveryCache,
            $"a run on this machine was interrupted before storing its state (lineage {setAside.Lineage}, serial {setAside.Serial}), but the state in " +
            $"{_store.Location} has changed since ({(stored is null ? "it is gone" : $"lineage {stored.Lineage}, serial {stored.Serial}")}); " +
            $"that run's state is saved in {path}: compare it with `hearth state pull`, and push it with `hearth state push --force` only if it should win");
    }
}
