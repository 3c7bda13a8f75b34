namespace Hearth.Secrets.Sops;

/// <summary>
/// A comment line kept in the tree, as sops keeps it: <see cref="Text"/> is what follows the <c>#</c>. In a map it
/// is an entry whose value is the comment (its key means nothing); in a list, an item.
/// </summary>
public sealed record SopsComment(string Text) : SopsNode;
