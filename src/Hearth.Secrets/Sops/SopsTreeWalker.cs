namespace Hearth.Secrets.Sops;

/// <summary>
/// Walks a document in file order, handing each value and comment to a transform together with its additional
/// data (the path's keys joined by <c>:</c> with a trailing <c>:</c>; list indices never appear) and whether the
/// rules encrypt it. Encryption and decryption share it, so both decide alike.
/// </summary>
internal sealed class SopsTreeWalker(
    SopsEncryptionPolicy policy,
    Func<SopsScalar, string, bool, SopsScalar> onValue,
    Func<SopsComment, string, bool, (SopsComment Result, string ClearText)> onComment)
{
    private readonly List<string> _path = [];
    private readonly List<List<string>> _comments = [];

    public SopsMap Walk(SopsMap document) => (SopsMap)Walk((SopsNode)document);

    private SopsNode Walk(SopsNode node) => node switch
    {
        SopsMap map => new SopsMap([.. WalkLevel(map.Entries, e => e.Value, (e, value) => KeyValuePair.Create(e.Key, value), e => e.Key)]),
        SopsList list => new SopsList([.. WalkLevel(list.Items, i => i, (_, value) => value, _ => null)]),
        SopsScalar { Value: null } scalar => scalar,
        SopsScalar scalar => onValue(scalar, AdditionalData(), policy.ShouldEncrypt(_path, _comments.SelectMany(c => c))),
        _ => node,
    };

    private List<T> WalkLevel<T>(IReadOnlyList<T> items, Func<T, SopsNode> valueOf, Func<T, SopsNode, T> rebuild, Func<T, string?> keyOf)
    {
        _comments.Add([]);
        var result = new List<T>(items.Count);
        foreach (var item in items)
        {
            if (valueOf(item) is SopsComment comment)
            {
                var encrypt = policy.ShouldEncryptComment(_path, comment.Text, _comments.SelectMany(c => c));
                var (transformed, clearText) = onComment(comment, AdditionalData(), encrypt);
                _comments[^1].Add(clearText);
                result.Add(rebuild(item, transformed));
                continue;
            }
            var key = keyOf(item);
            if (key is not null)
                _path.Add(key);
            result.Add(rebuild(item, Walk(valueOf(item))));
            if (key is not null)
                _path.RemoveAt(_path.Count - 1);
            _comments[^1].Clear();
        }
        _comments.RemoveAt(_comments.Count - 1);
        return result;
    }

    private string AdditionalData() => _path.Count == 0 ? "" : string.Join(':', _path) + ":";
}
