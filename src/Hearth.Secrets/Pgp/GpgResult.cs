namespace Hearth.Secrets.Pgp;

/// <summary>What one gpg run gave back. <see cref="Output"/> may be key material: never put it in a message.</summary>
internal sealed record GpgResult(int ExitCode, byte[] Output, string Error);
