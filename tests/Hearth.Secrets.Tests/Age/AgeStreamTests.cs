using Hearth.Secrets.Age;

namespace Hearth.Secrets.Tests.Age;

/// <summary>Streaming encryption and decryption at every chunk boundary, and the in-memory paths agreeing with them.</summary>
public sealed class AgeStreamTests
{
    private const int Chunk = 64 * 1024;

    private readonly AgeIdentity _identity = AgeIdentity.Generate();

    public static TheoryData<int, bool> Sizes => new()
    {
        { 0, false }, { 0, true }, { 1, false }, { 1, true }, { Chunk - 1, false }, { Chunk - 1, true }, { Chunk, false }, { Chunk, true },
        { Chunk + 1, false }, { Chunk + 1, true }, { 3 * Chunk, false }, { 3 * Chunk, true }, { 16 * Chunk + 1, false }, { 17 * Chunk, true },
    };

    private AgeRecipient Recipient => AgeRecipient.Parse(_identity.Recipient);

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_stream_encrypted_then_decrypted_comes_back_whole(int size, bool armor)
    {
        var plaintext = RandomBytes(size);

        var encrypted = await EncryptAsync(new MemoryStream(plaintext), armor);
        var decrypted = await DecryptAsync(new MemoryStream(encrypted));

        Assert.Equal(plaintext, decrypted);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Streams_that_deliver_a_few_bytes_at_a_time_give_the_same_result(int size, bool armor)
    {
        var plaintext = RandomBytes(size);

        var encrypted = await EncryptAsync(new TrickleStream(plaintext, maxRead: 7919), armor);
        var decrypted = await DecryptAsync(new TrickleStream(encrypted, maxRead: 104));

        Assert.Equal(plaintext, decrypted);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task The_in_memory_and_streaming_paths_open_each_others_files(int size, bool armor)
    {
        var plaintext = RandomBytes(size);

        var fromMemory = AgeEncryptor.Encrypt(plaintext, [Recipient], armor);
        var fromStream = await EncryptAsync(new MemoryStream(plaintext), armor);

        Assert.Equal(plaintext, await DecryptAsync(new MemoryStream(fromMemory)));
        Assert.Equal(plaintext, AgeDecryptor.Decrypt(fromStream, [_identity]));
        Assert.Equal(fromMemory.Length, fromStream.Length);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(Chunk - 1, 1)]
    [InlineData(Chunk, 1)]
    [InlineData(Chunk + 1, 2)]
    [InlineData(3 * Chunk, 3)]
    public async Task A_payload_has_one_chunk_per_64_KiB_and_an_empty_one_only_when_empty(int size, int chunks)
    {
        var encrypted = await EncryptAsync(new MemoryStream(new byte[size]), armor: false);

        Assert.Equal(AgeFiles.PayloadStart(encrypted) + size + 16 * chunks, encrypted.Length);
    }

    [Fact]
    public async Task The_armor_has_age_s_layout()
    {
        var text = System.Text.Encoding.ASCII.GetString(await EncryptAsync(new MemoryStream(RandomBytes(1000)), armor: true));
        var lines = text.Split('\n');

        Assert.Equal("-----BEGIN AGE ENCRYPTED FILE-----", lines[0]);
        Assert.Equal("-----END AGE ENCRYPTED FILE-----", lines[^2]);
        Assert.Equal("", lines[^1]);
        Assert.All(lines[1..^3], l => Assert.Equal(64, l.Length));
        Assert.InRange(lines[^3].Length, 1, 64);
    }

    private async Task<byte[]> EncryptAsync(Stream input, bool armor)
    {
        using var output = new MemoryStream();
        await AgeEncryptor.EncryptAsync(input, output, [Recipient], armor, CancellationToken.None);
        return output.ToArray();
    }

    private async Task<byte[]> DecryptAsync(Stream input)
    {
        using var output = new MemoryStream();
        await AgeDecryptor.DecryptAsync(input, output, [_identity], CancellationToken.None);
        return output.ToArray();
    }

    private static byte[] RandomBytes(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
