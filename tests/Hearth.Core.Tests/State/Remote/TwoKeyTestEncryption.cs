using Hearth.Core.State.Remote;

namespace Hearth.Core.Tests.State.Remote;

/// <summary>Reads what one key encrypted and writes to another, as age does when a recipient is replaced and the old identity is still at hand.</summary>
internal sealed class TwoKeyTestEncryption(ReversibleTestEncryption read, ReversibleTestEncryption write) : IStateEncryption
{
    public string Recipients => write.Recipients;

    public byte[] Encrypt(byte[] plaintext) => write.Encrypt(plaintext);

    public bool IsEncrypted(ReadOnlySpan<byte> stored) => read.IsEncrypted(stored);

    public Task<byte[]> DecryptAsync(byte[] stored, string location, CancellationToken cancellationToken) =>
        read.DecryptAsync(stored, location, cancellationToken);
}
