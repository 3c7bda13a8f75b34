namespace Hearth.Secrets.Sops;

public sealed record SopsMap(IReadOnlyList<KeyValuePair<string, SopsNode>> Entries) : SopsNode
{
    public SopsNode? Get(string key) => Entries.FirstOrDefault(e => e.Key == key).Value;
}
