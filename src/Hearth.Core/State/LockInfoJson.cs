using System.Text.Json;

namespace Hearth.Core.State;

/// <summary>The stored form of a <see cref="LockInfo"/>, shared by every backend so all locks read the same.</summary>
public static class LockInfoJson
{
    public static byte[] ToBytes(LockInfo info) => JsonSerializer.SerializeToUtf8Bytes(info, StateJsonContext.Default.LockInfo);

    /// <summary>The lock info in <paramref name="content"/>, or null when it is not one (a torn or foreign object).</summary>
    public static LockInfo? Read(ReadOnlySpan<byte> content)
    {
        try
        {
            return JsonSerializer.Deserialize(content, StateJsonContext.Default.LockInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
