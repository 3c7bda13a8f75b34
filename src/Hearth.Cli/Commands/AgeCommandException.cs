using Hearth.Core.Diagnostics;

namespace Hearth.Cli.Commands;

/// <summary><c>hearth age</c> cannot do what was asked: a file cannot be read or opened, or a key or passphrase is missing.</summary>
internal sealed class AgeCommandException(string message, string? hint = null, Exception? inner = null) : HearthException(message, hint, inner);
