using Hearth.Core.State;

namespace Hearth.Core.Diagnostics;

/// <summary>Another run holds the state lock; <see cref="Holder"/> says who, when and doing what.</summary>
public sealed class StateLockedException(LockInfo holder, string? detail = null)
    : HearthException(
        $"the state is locked by {holder.Who} since {holder.Created:yyyy-MM-dd HH:mm:ss} UTC ({holder.Operation}, lock ID {holder.Id}){(detail is null ? "" : $": {detail}")}",
        $"wait for that run to finish, retry with --lock-timeout, or if it is gone run `hearth force-unlock {holder.Id}`")
{
    public LockInfo Holder { get; } = holder;
}
