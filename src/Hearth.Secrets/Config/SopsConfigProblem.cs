using YamlDotNet.Core;

namespace Hearth.Secrets.Config;

/// <summary>One thing wrong in <c>.sops.yaml</c>, where it starts, and what to do about it.</summary>
internal sealed record SopsConfigProblem(Mark Start, string Message, string? Hint);
