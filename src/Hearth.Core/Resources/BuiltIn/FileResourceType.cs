using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hearth.Core.Diagnostics;
using Hearth.Core.State.Local;
using Hearth.Core.Values;

namespace Hearth.Core.Resources.BuiltIn;

/// <summary>
/// <c>file</c>: a local file written atomically from <c>content</c> or a copy of <c>source</c>. Read notices a
/// file edited, re-moded or deleted outside Hearth, so the next plan puts it back.
/// </summary>
public sealed class FileResourceType : ResourceType
{
    /// <summary>Drifted content larger than this is not shown in plans; its hash still is.</summary>
    private const int MaxContentShownBytes = 1 << 20;

    public override string Kind => "file";

    public override string Description => "A local file, written atomically; drift is detected on refresh.";

    public override ResourceSchema Schema { get; } = new(ImmutableArray.Create(
        new AttributeSchema("path", AttributeType.String, AttributeUse.Required, "Path of the file, relative to the lab.", ForcesReplacement: true),
        new AttributeSchema("content", AttributeType.String, AttributeUse.Optional, "The file's text (or use source)."),
        new AttributeSchema("source", AttributeType.String, AttributeUse.Optional, "A file to copy, relative to the lab (or use content)."),
        new AttributeSchema("mode", AttributeType.String, AttributeUse.Optional, "Permissions as an octal string.", Default: Value.String("0644")),
        new AttributeSchema("sensitive", AttributeType.Bool, AttributeUse.Optional, "Treat the content as sensitive.", Default: Value.False),
        new AttributeSchema("id", AttributeType.String, AttributeUse.Computed, "The path."),
        new AttributeSchema("sha256", AttributeType.String, AttributeUse.Computed, "SHA-256 of the content, hex.")));

    public override IEnumerable<AttributeProblem> Validate(MapValue config)
    {
        var hasContent = config.Get("content") is not (null or NullValue);
        var hasSource = config.Get("source") is not (null or NullValue);
        if (hasContent == hasSource)
            yield return new AttributeProblem(null, hasContent ? "a file takes content or source, not both" : "a file needs content or source",
                "set exactly one of them");
        if (config.GetString("mode") is { } mode && !TryParseMode(mode, out _))
            yield return new AttributeProblem("mode", $"mode \"{mode}\" is not an octal permission string", "write it like \"0644\" or \"0600\"");
    }

    public override MapValue Plan(PlanRequest request)
    {
        var config = MarkContent(request.Config);
        var content = config.Get("content");
        Value sha = Value.Unknown;
        if (content is StringValue or SensitiveValue { Inner: StringValue })
            sha = Value.String(Hash(Encoding.UTF8.GetBytes(content.ToText())));
        else if (config.GetString("source") is { } source && Resolve(request.LabDirectory, source) is var sourcePath && File.Exists(sourcePath))
            sha = Value.String(Hash(File.ReadAllBytes(sourcePath)));
        return Canonical(config).With("id", config.Get("path") ?? Value.Unknown).With("sha256", HashOf(config, sha));
    }

    /// <summary>The mode written as four octal digits ("600" and "0600" are one mode), so refresh compares like with like.</summary>
    private static MapValue Canonical(MapValue config) =>
        config.GetString("mode") is { } mode && TryParseMode(mode, out var parsed) ? config.With("mode", Value.String(FormatMode(parsed))) : config;

    public override async Task<MapValue?> ReadAsync(ReadRequest request, CancellationToken cancellationToken)
    {
        var path = Resolve(request.LabDirectory, request.Prior.GetString("path")!);
        if (!File.Exists(path))
            return null;
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var observed = request.Prior.With("sha256", HashOf(request.Prior, Value.String(Hash(bytes))));
        if (!OperatingSystem.IsWindows())
            observed = observed.With("mode", Value.String(FormatMode(File.GetUnixFileMode(path))));
        var showContent = request.Prior.Get("source") is null or NullValue && bytes.Length <= MaxContentShownBytes;
        if (showContent && request.Prior.GetString("sha256") != Hash(bytes) && TryDecode(bytes, out var text))
            observed = observed.With("content", request.Prior.GetBool("sensitive", false) ? Value.String(text).MarkSensitive() : Value.String(text));
        return observed;
    }

    public override async Task<MapValue> CreateAsync(CreateRequest request, CancellationToken cancellationToken) =>
        await WriteAsync(request.LabDirectory, MarkContent(request.Config), cancellationToken);

    public override async Task<MapValue> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken) =>
        await WriteAsync(request.LabDirectory, MarkContent(request.Config), cancellationToken);

    public override Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken)
    {
        var path = Resolve(request.LabDirectory, request.Prior.GetString("path")!);
        if (File.Exists(path))
            File.Delete(path);
        return Task.CompletedTask;
    }

    public override async Task<MapValue?> ImportAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        var path = Resolve(request.LabDirectory, request.Id);
        if (!File.Exists(path))
            return null;
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        if (!TryDecode(bytes, out var text))
            throw new ResourceException($"{request.Id} is not UTF-8 text, so it cannot be imported as content", "declare it with source instead and let apply copy it");
        return new MapValue(new ValueMap([
            KeyValuePair.Create("path", Value.String(request.Id)),
            KeyValuePair.Create("content", Value.String(text)),
            KeyValuePair.Create("source", Value.Null),
            KeyValuePair.Create("mode", Value.String(OperatingSystem.IsWindows() ? "0644" : FormatMode(File.GetUnixFileMode(path)))),
            KeyValuePair.Create("sensitive", Value.False),
            KeyValuePair.Create("id", Value.String(request.Id)),
            KeyValuePair.Create("sha256", Value.String(Hash(bytes))),
        ]));
    }

    private static async Task<MapValue> WriteAsync(string labDirectory, MapValue config, CancellationToken cancellationToken)
    {
        var path = Resolve(labDirectory, config.GetString("path")!);
        byte[] bytes;
        if (config.GetString("source") is { } source)
        {
            var sourcePath = Resolve(labDirectory, source);
            if (!File.Exists(sourcePath))
                throw new ResourceException($"source file {source} does not exist", "create it, or fix the path (relative to the lab directory)");
            bytes = await File.ReadAllBytesAsync(sourcePath, cancellationToken);
        }
        else
        {
            bytes = Encoding.UTF8.GetBytes(config.Get("content")?.ToText() ?? "");
        }
        if (!TryParseMode(config.GetString("mode") ?? "0644", out var mode))
            throw new ResourceException($"mode \"{config.GetString("mode")}\" is not an octal permission string", "write it like \"0644\"");
        try
        {
            await AtomicFile.WriteAsync(path, bytes, cancellationToken, mode);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, mode); // The umask may have narrowed the mode at creation.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResourceException($"cannot write {config.GetString("path")}: {e.Message}", "check that the directory is writable", e);
        }
        return Canonical(config).With("id", config.Get("path")!).With("sha256", HashOf(config, Value.String(Hash(bytes))));
    }

    /// <summary>The hash of sensitive content is sensitive too: a short secret is found again from its SHA-256.</summary>
    private static Value HashOf(MapValue config, Value hash) =>
        config.Get("content")?.ContainsSensitive == true || config.GetBool("sensitive", false) ? hash.MarkSensitive() : hash;

    private static MapValue MarkContent(MapValue config) =>
        config.GetBool("sensitive", false) && config.Get("content") is { } content and not NullValue
            ? config.With("content", content.MarkSensitive())
            : config;

    private static string Resolve(string labDirectory, string path) => Path.GetFullPath(path, labDirectory);

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static bool TryDecode(byte[] bytes, out string text)
    {
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static bool TryParseMode(string text, out UnixFileMode mode)
    {
        mode = default;
        if (text.Length is < 3 or > 4 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _) || text.Any(c => c > '7'))
            return false;
        mode = (UnixFileMode)Convert.ToInt32(text, 8);
        return true;
    }

    private static string FormatMode(UnixFileMode mode) => Convert.ToString((int)mode & 0xFFF, 8).PadLeft(4, '0');
}
