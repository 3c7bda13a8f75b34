using Hearth.Core.Diagnostics;

namespace Hearth.Cli.Commands;

/// <summary>The command line itself is wrong (a malformed flag value).</summary>
internal sealed class UsageException(string message, string? hint = null) : HearthException(message, hint ?? "see `hearth COMMAND --help`");
