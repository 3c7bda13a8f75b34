using System.Security.Cryptography;
using System.Text;
using Hearth.Core.Planning;
using Hearth.Core.Values;

namespace Hearth.Core.PlanFiles;

/// <summary>
/// A fingerprint of what a planned change would write (its action and planned object, unknowns included as such),
/// so applying a saved plan notices when an input the lab's files do not show changed since (a file's
/// <c>source</c> content, a secret): the same actions would then write something else.
/// </summary>
internal static class ChangeDigest
{
    public static string Of(ResourceChange change)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, change.Action.ToString());
        Append(hash, change.DeposedKey ?? "");
        if (change.After is { } after)
            Feed(hash, after);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Each value is fed with a type tag and its length where it varies, so different trees never feed the same bytes.</summary>
    private static void Feed(IncrementalHash hash, Value value)
    {
        switch (value)
        {
            case SensitiveValue sensitive:
                Feed(hash, sensitive.Inner);
                break;
            case NullValue:
                Append(hash, "n");
                break;
            case StringValue s:
                Append(hash, "s");
                Append(hash, s.Text);
                break;
            case NumberValue n:
                Append(hash, "d");
                Append(hash, n.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case BoolValue b:
                Append(hash, b.Flag ? "t" : "f");
                break;
            case ListValue list:
                Append(hash, "l" + list.Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                foreach (var item in list.Items)
                    Feed(hash, item);
                break;
            case MapValue map:
                Append(hash, "m" + map.Entries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                foreach (var (key, item) in map.Entries)
                {
                    Append(hash, key);
                    Feed(hash, item);
                }
                break;
            default:
                Append(hash, "?"); // Unknown until apply: the same unknown on both sides.
                break;
        }
    }

    private static void Append(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
    }
}
