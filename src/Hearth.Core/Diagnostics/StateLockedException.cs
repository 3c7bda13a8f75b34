using Hearth.Core.State;

namespace Hearth.Core.Diagnostics;

/// <summary>Another run holds the state lock; <see cref="Holder"/> says who, when and doing what.</summary>
/// <param name="hint">What to do; the default suits backends whose locks can outlive their holder.</param>
public sealed class StateLockedException(LockInfo holder, string? hint = null)
    : HearthException(
        $"the state is locked by {holder.Who} since {holder.Created:yyyy-MM-dd HH:mm:ss} UTC ({holder.Operation}, lock ID {holder.Id})",
        hint ?? $"wait for that run to finish, retry with --lock-timeout, or if it is gone run `hearth force-unlock {holder.Id}`")
{
    public LockInfo Holder { get; } = holder;
}
