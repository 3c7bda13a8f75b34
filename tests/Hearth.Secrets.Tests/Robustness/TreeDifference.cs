using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Tests.Robustness;

/// <summary>
/// The first place where a decrypted tree differs from the plaintext it was encrypted from: same entries in the same
/// order (comments included), same keys, and scalars of the same type and value (doubles bit for bit, so -0.0 is
/// not 0.0).
/// </summary>
internal static class TreeDifference
{
    /// <param name="encrypted">The encrypted form of <paramref name="expected"/>, to tell clear places from encrypted ones.</param>
    /// <param name="clearIntegralFloatsBecomeInts">
    /// JSON has one number type: a float with an integral value left in the clear is written without a fraction
    /// (Go's encoding/json writes 2.0 as 2, and so does Hearth) and reads back as an int of the same value. An
    /// encrypted float keeps its type, which the ENC value carries.
    /// </param>
    public static string? Find(IReadOnlyList<SopsMap> expected, IReadOnlyList<SopsMap> actual, IReadOnlyList<SopsMap> encrypted, bool clearIntegralFloatsBecomeInts = false)
    {
        if (expected.Count != actual.Count)
            return $"{expected.Count} documents were encrypted, {actual.Count} came back";
        for (var i = 0; i < expected.Count; i++)
        {
            if (Node(expected[i], actual[i], encrypted[i], $"document {i + 1}: $", clearIntegralFloatsBecomeInts) is { } difference)
                return difference;
        }
        return null;
    }

    private static string? Node(SopsNode expected, SopsNode actual, SopsNode encrypted, string path, bool lenient)
    {
        switch (expected)
        {
            case SopsMap map when actual is SopsMap other && encrypted is SopsMap hidden:
                if (map.Entries.Count != other.Entries.Count)
                    return $"at {path}: {map.Entries.Count} entries (comments included) were encrypted, {other.Entries.Count} came back: [{string.Join(", ", other.Entries.Select(Describe))}]";
                for (var i = 0; i < map.Entries.Count; i++)
                {
                    var (key, value) = map.Entries[i];
                    if (value is not SopsComment && key != other.Entries[i].Key)
                        return $"at {path}: key {TreeText.Quote(key)} came back as {TreeText.Quote(other.Entries[i].Key)}";
                    if (Node(value, other.Entries[i].Value, hidden.Entries[i].Value, $"{path}.{TreeText.Quote(key)}", lenient) is { } difference)
                        return difference;
                }
                return null;
            case SopsList list when actual is SopsList other && encrypted is SopsList hidden:
                if (list.Items.Count != other.Items.Count)
                    return $"at {path}: {list.Items.Count} items (comments included) were encrypted, {other.Items.Count} came back";
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (Node(list.Items[i], other.Items[i], hidden.Items[i], $"{path}[{i}]", lenient) is { } difference)
                        return difference;
                }
                return null;
            case SopsComment comment:
                return actual is SopsComment same && same.Text == comment.Text ? null : $"at {path}: comment # {TreeText.Quote(comment.Text)} came back as {Describe(actual)}";
            case SopsScalar scalar when actual is SopsScalar back:
                if (Same(scalar.Value, back.Value))
                    return null;
                var clear = encrypted is not SopsScalar { Value: string text } || !text.StartsWith("ENC[", StringComparison.Ordinal);
                if (lenient && clear && scalar.Value is double d && back.Value is long l && d == l)
                    return null;
                return $"at {path}: {TreeText.Scalar(scalar.Value)} came back as {TreeText.Scalar(back.Value)}";
            default:
                return $"at {path}: {Describe(expected)} came back as {Describe(actual)}";
        }
    }

    private static bool Same(object? expected, object? actual) => (expected, actual) switch
    {
        (double e, double a) => BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a),
        (byte[] e, byte[] a) => e.SequenceEqual(a),
        _ => Equals(expected, actual),
    };

    private static string Describe(KeyValuePair<string, SopsNode> entry) =>
        entry.Value is SopsComment ? Describe(entry.Value) : $"{TreeText.Quote(entry.Key)}: {Describe(entry.Value)}";

    private static string Describe(SopsNode node) => node switch
    {
        SopsMap => "a map",
        SopsList => "a list",
        SopsComment comment => $"# {TreeText.Quote(comment.Text)}",
        SopsScalar scalar => TreeText.Scalar(scalar.Value),
        _ => node.GetType().Name,
    };
}
