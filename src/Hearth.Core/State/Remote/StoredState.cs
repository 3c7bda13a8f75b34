namespace Hearth.Core.State.Remote;

/// <summary>
/// The bytes a remote store holds for the state and the store's tag for that version (an ETag, a B2 file ID,
/// a row's write counter); a write names the tag it read so a store that can compare-and-swap refuses a stale one.
/// </summary>
public sealed record StoredState(byte[] Content, string Version);
