using System.Text.RegularExpressions;

namespace Hearth.Storage.Resources;

/// <summary>B2's naming rules and capability names (shared/specs/backblaze-b2.md §2, §3, §5), checked before any call.</summary>
internal static partial class B2Names
{
    /// <summary>Every capability B2 knows, exactly as it spells them.</summary>
    public static readonly IReadOnlyList<string> Capabilities =
    [
        "listKeys", "writeKeys", "deleteKeys", "listBuckets", "listAllBucketNames", "readBuckets", "writeBuckets", "deleteBuckets",
        "readBucketEncryption", "writeBucketEncryption", "readBucketRetentions", "writeBucketRetentions",
        "readFileRetentions", "writeFileRetentions", "readFileLegalHolds", "writeFileLegalHolds",
        "readBucketReplications", "writeBucketReplications", "bypassGovernance", "listFiles", "readFiles", "shareFiles",
        "writeFiles", "deleteFiles", "readBucketNotifications", "writeBucketNotifications",
    ];

    /// <summary>B2 keeps a key valid at most 1000 days.</summary>
    public const long MaxValidDurationSeconds = 86_400_000;

    /// <summary>Why <paramref name="name"/> cannot be a bucket's name, or null when it can.</summary>
    public static string? BucketNameProblem(string name)
    {
        if (name.Length is < 6 or > 63)
            return $"bucket name `{name}` has {name.Length} characters; B2 takes 6 to 63";
        if (!BucketName().IsMatch(name))
            return $"bucket name `{name}` may hold only letters, digits and -";
        if (name.StartsWith("b2-", StringComparison.OrdinalIgnoreCase))
            return $"bucket name `{name}` starts with b2-, which B2 keeps for itself";
        return null;
    }

    /// <summary>Why <paramref name="name"/> cannot be a key's name, or null when it can.</summary>
    public static string? KeyNameProblem(string name) =>
        KeyName().IsMatch(name) ? null : $"key name `{name}` must be 1 to 100 letters, digits and -";

    [GeneratedRegex("^[A-Za-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex BucketName();

    [GeneratedRegex("^[A-Za-z0-9-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyName();
}
