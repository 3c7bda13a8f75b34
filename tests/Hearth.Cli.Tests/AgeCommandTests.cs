using System.Security.Cryptography;
using System.Text;
using Hearth.Secrets.Age;
using Hearth.Testing;

namespace Hearth.Cli.Tests;

/// <summary><c>hearth age</c> as a user runs it: files and pipes, keys and passphrases, the real age CLI on the other side.</summary>
public sealed class AgeCommandTests : IDisposable
{
    private const int Chunk = 64 * 1024;
    private const string Passphrase = "correct horse battery staple";

    private readonly TempLab _dir = new("resources: {}\n");
    private readonly AgeIdentity _identity = AgeIdentity.Generate();

    public AgeCommandTests() => File.WriteAllText(_dir.PathOf("key.txt"), _identity.ToKeyFile(DateTimeOffset.UnixEpoch));

    public void Dispose() => _dir.Dispose();

    private static Dictionary<string, string> WithPassphrase(string passphrase = Passphrase) => new() { ["HEARTH_AGE_PASSPHRASE"] = passphrase };

    private Task<CliRunner.BinaryResult> Run(params string[] args) => Run([], null, args);

    private Task<CliRunner.BinaryResult> Run(byte[] input, Dictionary<string, string>? environment, params string[] args) =>
        CliRunner.RunBinaryAsync(_dir.Directory, ["age", .. args], input, environment);

    private byte[] Write(string name, int size)
    {
        var content = RandomNumberGenerator.GetBytes(size);
        File.WriteAllBytes(_dir.PathOf(name), content);
        return content;
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(Chunk - 1, false)]
    [InlineData(Chunk, true)]
    [InlineData(Chunk + 1, false)]
    [InlineData(3 * Chunk, true)]
    [InlineData(3 * Chunk, false)]
    public async Task Files_encrypted_and_decrypted_through_o_come_back_whole_and_open_with_the_age_cli(int size, bool armor)
    {
        var plaintext = Write("plain.bin", size);

        var encrypt = await Run(["-r", _identity.Recipient, .. armor ? new[] { "-a" } : [], "-o", "secret.age", "plain.bin"]);
        var decrypt = await Run("-d", "-i", "key.txt", "-o", "back.bin", "secret.age");

        Assert.True(encrypt.ExitCode == 0, encrypt.Error);
        Assert.True(decrypt.ExitCode == 0, decrypt.Error);
        Assert.Equal(plaintext, File.ReadAllBytes(_dir.PathOf("back.bin")));
        Assert.Equal(plaintext, await AgeCli.DecryptAsync(_dir.PathOf("key.txt"), File.ReadAllBytes(_dir.PathOf("secret.age"))));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir.PathOf("back.bin")));
    }

    [Fact]
    public async Task A_file_of_many_mebibytes_comes_back_whole_through_o()
    {
        var plaintext = Write("plain.bin", (20 << 20) + 3);

        var encrypt = await Run("-r", _identity.Recipient, "-o", "secret.age", "plain.bin");
        var decrypt = await Run("-d", "-i", "key.txt", "-o", "back.bin", "secret.age");

        Assert.Equal((0, 0), (encrypt.ExitCode, decrypt.ExitCode));
        Assert.Equal(plaintext, File.ReadAllBytes(_dir.PathOf("back.bin")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Chunk + 1)]
    public async Task Standard_input_and_output_are_used_without_input_and_o(int size)
    {
        var plaintext = RandomNumberGenerator.GetBytes(size);

        var encrypted = await Run(plaintext, null, "-r", _identity.Recipient);
        var decrypted = await Run(encrypted.Output, null, "-d", "-i", "key.txt", "-");

        Assert.Equal((0, 0), (encrypted.ExitCode, decrypted.ExitCode));
        Assert.Equal(plaintext, decrypted.Output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_file_the_age_cli_encrypted_decrypts(bool armor)
    {
        var plaintext = RandomNumberGenerator.GetBytes(3 * Chunk + 17);
        File.WriteAllBytes(_dir.PathOf("from-age.age"), await AgeCli.EncryptAsync(_identity.Recipient, plaintext, armor));

        var result = await Run("-d", "-i", "key.txt", "from-age.age");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(plaintext, result.Output);
    }

    [Fact]
    public async Task A_passphrase_from_hearth_age_passphrase_encrypts_a_file_the_age_cli_opens_and_is_never_shown()
    {
        var plaintext = Write("plain.bin", Chunk + 1);

        var encrypt = await Run([], WithPassphrase(), "-p", "-a", "-o", "secret.age", "plain.bin");
        var decrypt = await Run([], WithPassphrase(), "-d", "-o", "back.bin", "secret.age");

        Assert.Equal((0, 0), (encrypt.ExitCode, decrypt.ExitCode));
        Assert.Equal(plaintext, File.ReadAllBytes(_dir.PathOf("back.bin")));
        Assert.Equal(plaintext, await AgeCli.DecryptWithPassphraseAsync(Passphrase, File.ReadAllBytes(_dir.PathOf("secret.age"))));
        Assert.DoesNotContain("horse", encrypt.Error + decrypt.Error + Encoding.UTF8.GetString(encrypt.Output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_the_age_cli_encrypted_with_a_passphrase_decrypts_with_it()
    {
        var plaintext = RandomNumberGenerator.GetBytes(1000);
        File.WriteAllBytes(_dir.PathOf("from-age.age"), await AgeCli.EncryptWithPassphraseAsync(Passphrase, plaintext, armor: false));

        var right = await Run([], WithPassphrase(), "-d", "from-age.age");
        var wrong = await Run([], WithPassphrase("tr0ub4dor"), "-d", "-o", "out.bin", "from-age.age");

        Assert.Equal(0, right.ExitCode);
        Assert.Equal(plaintext, right.Output);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("the passphrase is incorrect", wrong.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.PathOf("out.bin")));
    }

    [Fact]
    public async Task The_passphrase_is_asked_at_the_terminal_twice_to_encrypt_and_once_to_decrypt()
    {
        var plaintext = Write("plain.bin", 100);
        var encryptPrompt = new ScriptedSecretPrompt(Passphrase, Passphrase);
        var decryptPrompt = new ScriptedSecretPrompt(Passphrase);

        var encrypt = await CliRunner.RunBinaryAsync(_dir.Directory, ["age", "-p", "-o", "secret.age", "plain.bin"], [], prompt: encryptPrompt);
        var decrypt = await CliRunner.RunBinaryAsync(_dir.Directory, ["age", "-d", "secret.age"], [], prompt: decryptPrompt);
        var mismatch = await CliRunner.RunBinaryAsync(_dir.Directory, ["age", "-p", "plain.bin"], [], prompt: new ScriptedSecretPrompt(Passphrase, "other"));

        Assert.Equal(["Enter passphrase:", "Confirm passphrase:"], encryptPrompt.Asked);
        Assert.Equal(["Enter passphrase:"], decryptPrompt.Asked);
        Assert.Equal((0, 0, 1), (encrypt.ExitCode, decrypt.ExitCode, mismatch.ExitCode));
        Assert.Equal(plaintext, decrypt.Output);
        Assert.Contains("the passphrases do not match", mismatch.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_passphrase_is_asked_for_a_file_encrypted_to_recipients()
    {
        Write("plain.bin", 10);
        await Run("-r", _identity.Recipient, "-o", "secret.age", "plain.bin");
        var prompt = new ScriptedSecretPrompt();

        var result = await CliRunner.RunBinaryAsync(_dir.Directory, ["age", "-d", "secret.age"], [], prompt: prompt);

        Assert.Empty(prompt.Asked);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("encrypted to recipients, not with a passphrase", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_terminal_or_the_variable_the_passphrase_error_says_what_to_do()
    {
        Write("plain.bin", 10);

        var result = await Run("-p", "-o", "secret.age", "plain.bin");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("a passphrase is needed and there is no terminal to ask for it", result.Error, StringComparison.Ordinal);
        Assert.Contains("HEARTH_AGE_PASSPHRASE", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.PathOf("secret.age")));
    }

    [Theory]
    [InlineData("truncated in the middle")]
    [InlineData("missing its last byte")]
    [InlineData("changed in its last chunk")]
    [InlineData("extended by a byte")]
    public async Task A_damaged_file_fails_and_o_is_left_as_it_was(string damage)
    {
        Write("plain.bin", 3 * Chunk + 100);
        await Run("-r", _identity.Recipient, "-o", "secret.age", "plain.bin");
        var file = File.ReadAllBytes(_dir.PathOf("secret.age"));
        byte[] damaged = damage switch
        {
            "truncated in the middle" => file[..(file.Length / 2)],
            "missing its last byte" => file[..^1],
            "changed in its last chunk" => Flip(file, file.Length - 50),
            _ => [.. file, 0],
        };
        File.WriteAllBytes(_dir.PathOf("damaged.age"), damaged);
        File.WriteAllText(_dir.PathOf("existing.bin"), "the old content");

        var fresh = await Run("-d", "-i", "key.txt", "-o", "new.bin", "damaged.age");
        var existing = await Run("-d", "-i", "key.txt", "-o", "existing.bin", "damaged.age");

        Assert.Equal((1, 1), (fresh.ExitCode, existing.ExitCode));
        Assert.StartsWith("Error: cannot decrypt damaged.age: not a valid age file:", fresh.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.PathOf("new.bin")));
        Assert.Equal("the old content", File.ReadAllText(_dir.PathOf("existing.bin")));
        Assert.Empty(Directory.GetFiles(_dir.Directory, "*hearth-tmp"));
    }

    [Fact]
    public async Task Recipients_files_and_the_identities_of_e_i_are_encrypted_to()
    {
        var other = AgeIdentity.Generate();
        File.WriteAllText(_dir.PathOf("recipients.txt"), $"# the team\n\n{other.Recipient}\n");
        var plaintext = Write("plain.bin", 500);

        var fromFile = await Run("-R", "recipients.txt", "-o", "a.age", "plain.bin");
        var fromIdentity = await Run("-e", "-i", "key.txt", "-o", "b.age", "plain.bin");

        Assert.Equal((0, 0), (fromFile.ExitCode, fromIdentity.ExitCode));
        Assert.Equal(plaintext, AgeDecryptor.Decrypt(File.ReadAllBytes(_dir.PathOf("a.age")), [other]));
        Assert.Equal(plaintext, AgeDecryptor.Decrypt(File.ReadAllBytes(_dir.PathOf("b.age")), [_identity]));
    }

    [Theory]
    [InlineData("-e/--encrypt can't be used with -d/--decrypt", "-d", "-e", "x")]
    [InlineData("-r/--recipient can't be used with -d/--decrypt", "-d", "-r", "age1x", "x")]
    [InlineData("-a/--armor can't be used with -d/--decrypt", "-d", "-a", "x")]
    [InlineData("missing recipients", "x")]
    [InlineData("-p/--passphrase can't be combined with -r/--recipient", "-p", "-r", "age1x", "x")]
    [InlineData("-i/--identity can't be used in encryption mode unless", "-i", "key.txt", "x")]
    [InlineData("-r: `age1nope` is not an age X25519 recipient", "-r", "age1nope", "plain.bin")]
    [InlineData("cannot read missing.bin", "-r", "RECIPIENT", "missing.bin")]
    public async Task Wrong_usage_exits_1_with_age_s_message(string message, params string[] args)
    {
        Write("plain.bin", 1);

        var result = await Run([.. args.Select(a => a == "RECIPIENT" ? _identity.Recipient : a)]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_identity_file_line_that_is_not_a_key_is_reported_by_number_without_its_content()
    {
        File.WriteAllText(_dir.PathOf("bad.txt"), "# keys\nssh-ed25519 AAAAC3Nza private-looking-text\n");
        Write("plain.bin", 1);
        await Run("-r", _identity.Recipient, "-o", "secret.age", "plain.bin");

        var result = await Run("-d", "-i", "bad.txt", "secret.age");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.txt, line 2: not an age identity", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("private-looking-text", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_output_to_a_terminal_is_refused_unless_armored()
    {
        var refused = await CliRunner.RunBinaryAsync(_dir.Directory, ["age", "-r", _identity.Recipient], [1, 2, 3], terminal: true);
        var armored = await CliRunner.RunBinaryAsync(_dir.Directory, ["age", "-a", "-r", _identity.Recipient], [1, 2, 3], terminal: true);

        Assert.Equal((1, 0), (refused.ExitCode, armored.ExitCode));
        Assert.Contains("refusing to write binary to the terminal", refused.Error, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN AGE ENCRYPTED FILE-----\n", Encoding.ASCII.GetString(armored.Output), StringComparison.Ordinal);
    }

    private static byte[] Flip(byte[] file, int at)
    {
        var copy = (byte[])file.Clone();
        copy[at] ^= 1;
        return copy;
    }
}
