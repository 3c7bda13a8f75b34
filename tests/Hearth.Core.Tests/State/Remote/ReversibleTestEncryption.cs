using System.Text;
using Hearth.Core.Diagnostics;
using Hearth.Core.State.Remote;

namespace Hearth.Core.Tests.State.Remote;

/// <summary>
/// A stand-in for age in backend tests: a marker, then the bytes XOR-ed with a key, so no plaintext survives and
/// the right key is needed to read it back. The real age encryption is tested in Hearth.Storage.Tests.
/// </summary>
internal sealed class ReversibleTestEncryption(byte key = 0x5a) : IStateEncryption
{
    private static readonly byte[] Marker = "TESTENC1"u8.ToArray();

    public string Recipients => $"test-key-{key:x2}";

    public byte[] Encrypt(byte[] plaintext) => [.. Marker, key, .. plaintext.Select(b => (byte)(b ^ key))];

    public bool IsEncrypted(ReadOnlySpan<byte> stored) => stored.StartsWith(Marker);

    public Task<byte[]> DecryptAsync(byte[] stored, string location, CancellationToken cancellationToken)
    {
        if (stored[Marker.Length] != key)
            throw new StateException($"the state at {location} is encrypted to test-key-{stored[Marker.Length]:x2}, not {Recipients}",
                "use the key it was encrypted to");
        return Task.FromResult(stored.AsSpan(Marker.Length + 1).ToArray().Select(b => (byte)(b ^ key)).ToArray());
    }

    public static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
