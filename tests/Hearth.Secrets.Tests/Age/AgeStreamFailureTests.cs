using System.Security.Cryptography;
using System.Text;
using Hearth.Secrets.Age;

namespace Hearth.Secrets.Tests.Age;

/// <summary>Truncated, changed and extended files are refused by the streaming and in-memory paths alike, as age refuses them.</summary>
public sealed class AgeStreamFailureTests
{
    private const int Chunk = 64 * 1024;
    private const int Sealed = Chunk + 16;

    private readonly AgeIdentity _identity = AgeIdentity.Generate();

    [Theory]
    [InlineData("inside the intro", 10)]
    [InlineData("inside the header", -1)]
    [InlineData("inside the nonce", -2)]
    [InlineData("right after the nonce", -3)]
    [InlineData("inside the first chunk", -4)]
    [InlineData("at the end of a full chunk", -5)]
    [InlineData("one byte short", -6)]
    public async Task A_truncated_file_is_refused(string where, int cut)
    {
        var file = Encrypt(3 * Chunk + 5);
        var payload = AgeFiles.PayloadStart(file);
        var length = cut switch
        {
            -1 => AgeFiles.HeaderEnd(file) - 5,
            -2 => payload - 5,
            -3 => payload,
            -4 => payload + 1000,
            -5 => payload + 2 * Sealed,
            -6 => file.Length - 1,
            _ => cut,
        };

        var error = await RefusedAsync(file[..length]);

        Assert.True(error.Failure == SecretsFailure.InvalidFile, $"{where}: {error.Message}");
    }

    [Fact]
    public async Task A_file_missing_its_last_chunk_is_refused()
    {
        var file = Encrypt(2 * Chunk + 5);

        var error = await RefusedAsync(file[..^21]);

        Assert.Contains("fails authentication", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_payload_byte_is_refused_and_nothing_from_its_chunk_on_is_written()
    {
        var plaintext = RandomNumberGenerator.GetBytes(3 * Chunk);
        var file = AgeEncryptor.Encrypt(plaintext, [AgeRecipient.Parse(_identity.Recipient)], armor: false);
        file[AgeFiles.PayloadStart(file) + Sealed + 7] ^= 1;
        using var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<SecretsException>(() => AgeDecryptor.DecryptAsync(new MemoryStream(file), output, [_identity], CancellationToken.None));

        Assert.Contains("chunk 1", error.Message, StringComparison.Ordinal);
        Assert.True(output.Length <= Chunk && plaintext.AsSpan().StartsWith(output.ToArray()), $"wrote {output.Length} bytes");
    }

    [Fact]
    public async Task A_stanza_added_to_the_header_fails_its_mac()
    {
        var file = Encrypt(10);
        var mac = file.AsSpan().IndexOf("\n--- "u8) + 1;
        var changed = file[..mac].Concat("-> extra stanza\n\n"u8.ToArray()).Concat(file[mac..]).ToArray();

        var error = await RefusedAsync(changed);

        Assert.Contains("MAC", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(Chunk)]
    [InlineData(2 * Chunk)]
    public async Task Data_after_the_last_chunk_is_refused(int size)
    {
        var file = Encrypt(size);

        var error = await RefusedAsync([.. file, (byte)'x']);

        Assert.Equal(SecretsFailure.InvalidFile, error.Failure);
        if (size % Chunk == 0)
            Assert.Contains("data after the end of its encrypted payload", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_last_chunk_after_a_full_one_is_refused()
    {
        var fileKey = RandomNumberGenerator.GetBytes(16);
        var nonce = RandomNumberGenerator.GetBytes(16);
        IAgeRecipient recipient = AgeRecipient.Parse(_identity.Recipient);
        using var aead = new ChaCha20Poly1305(AgePayload.Key(fileKey, nonce));
        var chunkNonce = new byte[12];
        var first = new byte[Sealed];
        AgePayload.SetChunkNonce(chunkNonce, 0, last: false);
        aead.Encrypt(chunkNonce, new byte[Chunk], first.AsSpan(0, Chunk), first.AsSpan(Chunk));
        var last = new byte[16];
        AgePayload.SetChunkNonce(chunkNonce, 1, last: true);
        aead.Encrypt(chunkNonce, ReadOnlySpan<byte>.Empty, Span<byte>.Empty, last);
        byte[] file = [.. AgeHeader.Write(fileKey, [recipient.Wrap(fileKey)]), .. nonce, .. first, .. last];

        var error = await RefusedAsync(file);

        Assert.Contains("last chunk is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Armor_with_crlf_lines_and_blank_space_around_it_opens()
    {
        var armored = Encoding.ASCII.GetString(AgeEncryptor.Encrypt("hello"u8, [AgeRecipient.Parse(_identity.Recipient)], armor: true));
        var file = Encoding.ASCII.GetBytes("\n  \r\n" + armored.Replace("\n", "\r\n", StringComparison.Ordinal) + " \n\n");
        using var output = new MemoryStream();

        await AgeDecryptor.DecryptAsync(new MemoryStream(file), output, [_identity], CancellationToken.None);

        Assert.Equal("hello"u8.ToArray(), output.ToArray());
        Assert.Equal("hello"u8.ToArray(), AgeDecryptor.Decrypt(file, [_identity]));
    }

    [Theory]
    [InlineData("data after its END line", "-----END AGE ENCRYPTED FILE-----\n", "-----END AGE ENCRYPTED FILE-----\ntrailing\n")]
    [InlineData("no END line", "-----END AGE ENCRYPTED FILE-----\n", "")]
    [InlineData("a space inside a line", "\n-----END", " \n-----END")]
    public async Task Malformed_armor_is_refused(string what, string from, string to)
    {
        var armored = Encoding.ASCII.GetString(AgeEncryptor.Encrypt(new byte[500], [AgeRecipient.Parse(_identity.Recipient)], armor: true));

        var error = await RefusedAsync(Encoding.ASCII.GetBytes(armored.Replace(from, to, StringComparison.Ordinal)));

        Assert.True(error.Failure == SecretsFailure.InvalidFile, $"{what}: {error.Message}");
    }

    [Fact]
    public async Task A_file_that_is_not_age_is_refused_without_reading_it_all()
    {
        var error = await RefusedAsync(Encoding.ASCII.GetBytes("hello world, this is not an age file\n" + new string('x', 100_000)));

        Assert.Contains("does not start with age-encryption.org/v1", error.Message, StringComparison.Ordinal);
    }

    private byte[] Encrypt(int size) => AgeEncryptor.Encrypt(new byte[size], [AgeRecipient.Parse(_identity.Recipient)], armor: false);

    /// <summary>Both paths refuse <paramref name="file"/> with the same kind of failure; returns the streaming path's.</summary>
    private async Task<SecretsException> RefusedAsync(byte[] file)
    {
        using var output = new MemoryStream();
        var streaming = await Assert.ThrowsAsync<SecretsException>(() => AgeDecryptor.DecryptAsync(new TrickleStream(file, 50_000), output, [_identity], CancellationToken.None));
        var inMemory = Assert.Throws<SecretsException>(() => AgeDecryptor.Decrypt(file, [_identity]));
        Assert.Equal(streaming.Failure, inMemory.Failure);
        return streaming;
    }
}
