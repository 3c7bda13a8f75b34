using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Tests.Robustness;

/// <summary>
/// Plaintext trees for the store round-trip properties: maps with odd keys, lists, nesting up to six levels, strings
/// with YAML and JSON syntax, line breaks, control characters and non-BMP characters, ints, finite floats, booleans,
/// nulls and comments, with encryption rules that each select some of them. Text is built from whole characters, so
/// it is always valid Unicode: a lone surrogate has no UTF-8 form, in sops either.
/// </summary>
internal static class SopsTreeGenerators
{
    public const int MaxDepth = 6;

    private static readonly string[] TextPieces =
    [
        "a", "b", "z", "Q", "0", "7", "12", "1.5", "-", "_", ".", ":", ": ", "#", " #", "'", "\"", "\\", "/", "{", "}", "[", "]", ",",
        "&", "*", "!", "|", ">", "?", "%", "@", "`", "=", " ", "  ", "\t", "\n", "\r\n", "\r", "é", "Ω", "☃", "🔑", "\u00a0", "\u0085", "\u2028", "\u2029",
        "\u0000", "\u0007", "\u001b", "\ufeff", "\u200b", "true", "null", "~", "yes", "on", "1e3", "0x1F", "0o17", "0755", "1_000", ".inf",
        "2001-12-14", "---", "...", "- ", "ENC[", "sops", "sops:enc", "sops:clear",
    ];

    /// <summary>Pieces that make keys the rules select (suffixes, regexes) and keys YAML or JSON must quote.</summary>
    private static readonly string[] KeyPieces =
    [
        "a", "b", "key", "data", "stringData", "pub", "s", "_secret", "_unencrypted", "_clear", "0", "true", "null", "~", "-", ":", ": ",
        "#", " ", "'", "\"", "[", "{", "&", "*", "?", ",", "\t", "\n", "é", "🔑", "\u0000", "1e3", "2001-12-14",
    ];

    private static readonly double[] SpecialFloats = [0.0, -0.0, 2.0, 0.1, 1.5, -1e-7, 1e15, 1e16, 1e21, 1e300, double.Epsilon, double.MaxValue, 123456789.0];

    private static readonly long[] SpecialInts = [0, 1, -1, 8443, long.MinValue, long.MaxValue];

    /// <summary>The rules sops accepts (at most one selector), each with and without mac_only_encrypted.</summary>
    private static readonly SopsEncryptionRules[] Selectors =
    [
        new(), new(UnencryptedSuffix: "_unencrypted"), new(UnencryptedSuffix: "_clear"), new(EncryptedSuffix: "_secret"),
        new(UnencryptedRegex: "^pub"), new(EncryptedRegex: "^(data|stringData)$"), new(EncryptedRegex: "s"),
        new(UnencryptedCommentRegex: "sops:clear"), new(EncryptedCommentRegex: "sops:enc"),
    ];

    public static Gen<SopsEncryptionRules> Rules { get; } =
        from selector in Gen.Elements(Selectors)
        from macOnly in ArbMap.Default.GeneratorFor<bool>()
        select selector with { MacOnlyEncrypted = macOnly };

    /// <summary>What a store can express.</summary>
    /// <param name="Keys">Map keys.</param>
    /// <param name="Strings">String values.</param>
    /// <param name="Comments">Comment texts, or null where the store has no comments.</param>
    /// <param name="Nested">Whether maps and lists may hold maps and lists.</param>
    /// <param name="StringsOnly">Whether every value is a string.</param>
    public sealed record Shape(Gen<string> Keys, Gen<string> Strings, Gen<string>? Comments, bool Nested, bool StringsOnly);

    public static Gen<string> Text(string[] pieces, int maxPieces) =>
        from count in Gen.Choose(0, maxPieces)
        from parts in Gen.ArrayOf(Gen.Elements(pieces), count)
        select string.Concat(parts);

    public static Gen<string> Text(int maxPieces, Func<string, bool>? allowPiece = null) =>
        Text([.. TextPieces.Where(allowPiece ?? (_ => true))], maxPieces);

    public static Gen<string> Key(Func<string, bool>? allowPiece = null) =>
        Text([.. KeyPieces.Where(allowPiece ?? (_ => true))], 3);

    private static Gen<SopsNode> Scalar(Shape shape) => shape.StringsOnly
        ? shape.Strings.Select(s => (SopsNode)new SopsScalar(s))
        : Gen.Frequency(
            (6, shape.Strings.Select(s => (object?)s)),
            (2, Gen.OneOf(Gen.Elements(SpecialInts), ArbMap.Default.GeneratorFor<long>()).Select(n => (object?)n)),
            (2, Gen.OneOf(Gen.Elements(SpecialFloats), ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite)).Select(d => (object?)d)),
            (1, ArbMap.Default.GeneratorFor<bool>().Select(b => (object?)b)),
            (1, Gen.Constant((object?)null)))
            .Select(value => (SopsNode)new SopsScalar(value));

    private static Gen<SopsNode> Node(Shape shape, int depth) => depth <= 1 || !shape.Nested
        ? Scalar(shape)
        : Gen.Frequency(
            (5, Scalar(shape)),
            (2, Map(shape, depth - 1, _ => true).Select(m => (SopsNode)m)),
            (1, List(shape, depth - 1).Select(l => (SopsNode)l)));

    /// <summary>A comment before some entries, or none.</summary>
    private static Gen<SopsComment?> MaybeComment(Shape shape) => shape.Comments is { } comments
        ? Gen.Frequency((4, Gen.Constant((SopsComment?)null)), (1, comments.Select(c => (SopsComment?)new SopsComment(c))))
        : Gen.Constant((SopsComment?)null);

    private static Gen<int> Count => Gen.Sized(size => Gen.Choose(0, Math.Min(6, 1 + size / 15)));

    /// <param name="depth">Levels left, this map included.</param>
    public static Gen<SopsMap> Map(Shape shape, int depth, Func<string, bool> allowKey) =>
        from count in Count
        from keys in Gen.ArrayOf(shape.Keys.Where(allowKey), count)
        from values in Gen.ArrayOf(Node(shape, depth), count)
        from comments in Gen.ArrayOf(MaybeComment(shape), count + 1)
        select new SopsMap([.. Interleave(
            keys.Select((key, i) => (key, i)).DistinctBy(k => k.key).Select(k => KeyValuePair.Create(k.key, values[k.i])),
            comments, comment => KeyValuePair.Create("", (SopsNode)comment))]);

    private static Gen<SopsList> List(Shape shape, int depth) =>
        from count in Count
        from items in Gen.ArrayOf(Node(shape, depth), count)
        from comments in Gen.ArrayOf(MaybeComment(shape), count + 1)
        select new SopsList([.. Interleave(items, comments, comment => (SopsNode)comment)]);

    /// <summary>
    /// Entries with the comments that precede them (and one that may close the level). A level without entries gets
    /// no comments: YAML writes an empty map or list as <c>{}</c> or <c>[]</c>, where a comment has no place.
    /// </summary>
    private static IEnumerable<T> Interleave<T>(IEnumerable<T> entries, SopsComment?[] comments, Func<SopsComment, T> asEntry)
    {
        var i = 0;
        foreach (var entry in entries)
        {
            if (comments[i++] is { } comment)
                yield return asEntry(comment);
            yield return entry;
        }
        if (i > 0 && comments[^1] is { } last)
            yield return asEntry(last);
    }

    public static Gen<RoundTripCase> Cases(Shape shape, int maxDocuments, Func<string, bool> allowTopLevelKey) =>
        from documentCount in Gen.Choose(1, maxDocuments)
        from documents in Gen.ArrayOf(Map(shape, MaxDepth, allowTopLevelKey), documentCount)
        from rules in Rules
        select new RoundTripCase(documents, rules);

    /// <summary>
    /// Any bytes when the rules encrypt <c>data</c>; only UTF-8 when they leave it clear, since the clear value is then a
    /// JSON string in the wrapper, which cannot hold other bytes (sops's Go JSON writer replaces them too).
    /// </summary>
    public static Gen<BinaryCase> BinaryCases { get; } =
        from rules in Rules
        from content in new SopsEncryptionPolicy(rules.Normalized("rules")).ShouldEncrypt(["data"], [])
            ? ArbMap.Default.GeneratorFor<byte[]>()
            : Text(8).Select(Encoding.UTF8.GetBytes)
        select new BinaryCase(content, rules);

    public static IEnumerable<BinaryCase> Shrink(BinaryCase c)
    {
        if (c.Content.Length == 0)
            yield break;
        yield return c with { Content = [] };
        yield return c with { Content = c.Content[..(c.Content.Length / 2)] };
        for (var i = 0; i < c.Content.Length && i < 16; i++)
            yield return c with { Content = [.. c.Content.Where((_, j) => j != i)] };
    }

    /// <summary>Smaller cases that may fail the same way: default rules, fewer documents, entries and items, shorter text, zeros.</summary>
    public static IEnumerable<RoundTripCase> Shrink(RoundTripCase c)
    {
        if (c.Rules.MacOnlyEncrypted)
            yield return c with { Rules = c.Rules with { MacOnlyEncrypted = false } };
        if (c.Rules != new SopsEncryptionRules())
            yield return c with { Rules = new SopsEncryptionRules() };
        for (var i = 0; i < c.Documents.Count && c.Documents.Count > 1; i++)
            yield return c with { Documents = [.. c.Documents.Where((_, j) => j != i)] };
        for (var i = 0; i < c.Documents.Count; i++)
        {
            foreach (var smaller in ShrinkMap(c.Documents[i]))
                yield return c with { Documents = [.. c.Documents.Select((d, j) => j == i ? smaller : d)] };
        }
    }

    private static IEnumerable<SopsMap> ShrinkMap(SopsMap map)
    {
        for (var i = 0; i < map.Entries.Count; i++)
            yield return WithoutLoneComments(new SopsMap([.. map.Entries.Where((_, j) => j != i)]));
        for (var i = 0; i < map.Entries.Count; i++)
        {
            var (key, value) = map.Entries[i];
            foreach (var smaller in ShrinkNode(value))
                yield return new SopsMap([.. map.Entries.Select((e, j) => j == i ? KeyValuePair.Create(key, smaller) : e)]);
            if (value is SopsComment)
                continue;
            foreach (var shorter in ShrinkText(key).Where(k => !map.Entries.Any(e => e.Key == k && e.Value is not SopsComment)))
                yield return new SopsMap([.. map.Entries.Select((e, j) => j == i ? KeyValuePair.Create(shorter, value) : e)]);
        }
    }

    private static IEnumerable<SopsNode> ShrinkNode(SopsNode node)
    {
        switch (node)
        {
            case SopsMap map:
                yield return new SopsScalar("");
                foreach (var smaller in ShrinkMap(map))
                    yield return smaller;
                break;
            case SopsList list:
                yield return new SopsScalar("");
                for (var i = 0; i < list.Items.Count; i++)
                    yield return WithoutLoneComments(new SopsList([.. list.Items.Where((_, j) => j != i)]));
                for (var i = 0; i < list.Items.Count; i++)
                {
                    foreach (var smaller in ShrinkNode(list.Items[i]))
                        yield return new SopsList([.. list.Items.Select((item, j) => j == i ? smaller : item)]);
                }
                break;
            case SopsComment comment:
                foreach (var shorter in ShrinkText(comment.Text))
                    yield return new SopsComment(shorter);
                break;
            case SopsScalar { Value: string text }:
                foreach (var shorter in ShrinkText(text))
                    yield return new SopsScalar(shorter);
                break;
            case SopsScalar { Value: long number } when number != 0:
                yield return new SopsScalar(0L);
                yield return new SopsScalar(number / 2);
                break;
            case SopsScalar { Value: double number } when BitConverter.DoubleToInt64Bits(number) != 0:
                yield return new SopsScalar(0.0);
                if (Math.Truncate(number) != number)
                    yield return new SopsScalar(Math.Truncate(number));
                break;
        }
    }

    /// <summary>Keeps what the generator promises: a level whose last entry is gone loses its comments too.</summary>
    private static SopsMap WithoutLoneComments(SopsMap map) => map.Values.Any() ? map : SopsMap.Empty;

    private static SopsList WithoutLoneComments(SopsList list) => list.Items.Any(i => i is not SopsComment) ? list : new SopsList([]);

    /// <summary>Empty, halves, then one character (never half a surrogate pair) less at a time.</summary>
    private static IEnumerable<string> ShrinkText(string text)
    {
        var runes = text.EnumerateRunes().Select(r => r.ToString()).ToList();
        if (runes.Count == 0)
            yield break;
        yield return "";
        if (runes.Count > 2)
        {
            yield return string.Concat(runes.Take(runes.Count / 2));
            yield return string.Concat(runes.Skip(runes.Count / 2));
        }
        for (var i = 0; i < runes.Count && i < 16; i++)
            yield return string.Concat(runes.Where((_, j) => j != i));
    }

    /// <summary>A UTF-8 check for binary contents.</summary>
    public static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
