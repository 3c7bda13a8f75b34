namespace Hearth.Secrets.Sops;

/// <summary>
/// One node of a SOPS document, in file order (order matters: the MAC runs over the leaves in document order).
/// Scalars hold a string, long, double, bool, byte[] or null.
/// </summary>
public abstract record SopsNode;
