using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Tests.Robustness;

/// <summary>A binary file's bytes and the rules to encrypt it with.</summary>
public sealed record BinaryCase(byte[] Content, SopsEncryptionRules Rules)
{
    public override string ToString() => $"{Convert.ToHexString(Content)} ({Content.Length} bytes), rules: {Rules}";
}
