using Hearth.Cli.Rendering;
using Hearth.Core.Diagnostics;
using Hearth.Core.State;

namespace Hearth.Cli.Commands;

/// <summary>
/// Copies a state from one backend to another under both locks and checks the copy by reading it back; the source
/// is left as it was. Shared by <c>hearth state migrate</c> and <c>hearth bootstrap state</c>.
/// </summary>
internal static class StateMigration
{
    /// <returns>False when the target already held exactly this state (nothing was copied).</returns>
    /// <exception cref="StateException">The target holds another state (without <paramref name="force"/>), or the copy does not read back.</exception>
    public static async Task<bool> CopyAsync(CommandContext context, IStateBackend source, IStateBackend target, bool force, TimeSpan lockTimeout,
        CancellationToken cancellationToken)
    {
        StateDocument copied;
        await using (var from = await source.OpenAsync(context.Lock("state migrate", source), lockTimeout, cancellationToken))
        {
            copied = from.Current;
            await using var into = await target.OpenAsync(context.Lock("state migrate", target), lockTimeout, cancellationToken);
            if (IsSame(into.Current, copied))
            {
                context.Terminal.Line($"{target.Location} already holds this state (serial {copied.Serial}): nothing to copy.");
                return false;
            }
            CheckTarget(into.Current, target.Location, force);
            await into.ReplaceAsync(copied, cancellationToken);
        }

        var stored = await target.ReadAsync(cancellationToken);
        if (stored is null || !IsSame(stored, copied))
            throw new StateException($"the copy at {target.Location} does not read back as the state that was copied",
                $"the state at {source.Location} is unchanged; run the migration again, or check the target");
        context.Terminal.Line($"Copied the state (lineage {copied.Lineage}, serial {copied.Serial}, {copied.Resources.Count} resource(s)) " +
            $"from {source.Location} to {target.Location}, and read it back.", Styles.Success);
        return true;
    }

    private static bool IsSame(StateDocument stored, StateDocument copied) =>
        stored.Lineage == copied.Lineage && stored.Serial == copied.Serial &&
        StateSerializer.ToBytes(stored, "").AsSpan().SequenceEqual(StateSerializer.ToBytes(copied, ""));

    /// <summary>The target must be empty: a state already there is another lab's, or an older copy of this one.</summary>
    private static void CheckTarget(StateDocument existing, string location, bool force)
    {
        if (existing.IsEmpty && existing.Serial == 0 || force)
            return;
        throw new StateException(
            $"{location} already holds a state (lineage {existing.Lineage}, serial {existing.Serial}, {existing.Resources.Count} resource(s))",
            "migrate to an empty place, or pass --force to overwrite it (the state there is lost)");
    }
}
