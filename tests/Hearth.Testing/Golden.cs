using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Hearth.Testing;

/// <summary>
/// Snapshot assertions against checked-in <c>NAME.verified.txt</c> files beside the test source. A mismatch
/// writes <c>NAME.received.txt</c> next to it for review and fails with the first differing line.
/// </summary>
public static partial class Golden
{
    public static void Verify(string actual, string name, [CallerFilePath] string testFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(testFile)!, "Golden");
        var verified = Path.Combine(directory, name + ".verified.txt");
        var received = Path.Combine(directory, name + ".received.txt");
        actual = actual.ReplaceLineEndings("\n");
        var expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }
        Directory.CreateDirectory(directory);
        File.WriteAllText(received, actual);
        if (expected is null)
            Assert.Fail($"no verified output for {name}; review {received} and rename it to {Path.GetFileName(verified)}");
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Max(expectedLines.Length, actualLines.Length))
            .First(i => i >= expectedLines.Length || i >= actualLines.Length || expectedLines[i] != actualLines[i]);
        Assert.Fail($"{name} differs at line {line + 1}:\n  expected: {expectedLines.ElementAtOrDefault(line)}\n  actual:   {actualLines.ElementAtOrDefault(line)}\n(received output written to {received})");
    }

    /// <summary>Replaces values that differ on every run (ids, lineages) with stable placeholders.</summary>
    public static string Scrub(string text) => GuidPattern().Replace(text, "<uuid>");

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();
}
