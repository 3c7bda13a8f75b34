namespace Hearth.Secrets.Sops;

public sealed record SopsList(IReadOnlyList<SopsNode> Items) : SopsNode;
