using Hearth.Secrets.Age;
using Hearth.Testing;

namespace Hearth.Cli.Tests;

/// <summary><c>hearth sops</c> and <c>hearth keygen</c> as a user runs them, with sops's exit codes.</summary>
[Collection(Collection)]
public sealed class SopsCommandTests : IDisposable
{
    /// <summary>The sops tests check that no decrypted temp directory is left behind, so they must not run beside each other.</summary>
    public const string Collection = "sops plaintext temp directories";

    private const string Plain = "# database\ndb:\n    password: hunter2\n    port: 5432\nname_unencrypted: visible\n";

    private readonly TempLab _dir = new("resources: {}\n");
    private readonly AgeIdentity _identity = AgeIdentity.Generate();
    private readonly Dictionary<string, string> _environment;

    public SopsCommandTests()
    {
        File.WriteAllText(_dir.PathOf("key.txt"), _identity.ToKeyFile(DateTimeOffset.UnixEpoch));
        _environment = new Dictionary<string, string>
        {
            ["SOPS_AGE_KEY_FILE"] = _dir.PathOf("key.txt"),
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = _dir.Directory,
        };
    }

    public void Dispose() => _dir.Dispose();

    private Task<CliRunner.Result> Run(params string[] args) => CliRunner.RunAsync(_dir.Directory, args, environment: _environment);

    private Task<CliRunner.Result> RunWith(Dictionary<string, string> extra, string input, params string[] args) =>
        CliRunner.RunAsync(_dir.Directory, args, input: input,
            environment: new Dictionary<string, string>(_environment.Where(e => !extra.ContainsKey(e.Key)).Concat(extra)));

    private async Task<string> EncryptedFileAsync(string name = "secrets.yaml")
    {
        File.WriteAllText(_dir.PathOf(name), Plain);
        var result = await Run("sops", "-e", "-i", "--age", _identity.Recipient, name);
        Assert.True(result.ExitCode == 0, result.Error);
        return name;
    }

    [Fact]
    public async Task Encrypt_then_decrypt_gives_back_the_file_and_keeps_suffixed_values_clear()
    {
        var file = await EncryptedFileAsync();
        var encrypted = File.ReadAllText(_dir.PathOf(file));

        var decrypted = await Run("sops", "-d", file);

        Assert.DoesNotContain("hunter2", encrypted, StringComparison.Ordinal);
        Assert.Contains("name_unencrypted: visible", encrypted, StringComparison.Ordinal);
        Assert.Contains("#ENC[AES256_GCM,", encrypted, StringComparison.Ordinal);
        Assert.Equal(0, decrypted.ExitCode);
        Assert.Equal(Plain, decrypted.Output);
    }

    [Fact]
    public async Task Extract_prints_one_value_raw()
    {
        var file = await EncryptedFileAsync();

        var result = await Run("sops", "-d", "--extract", "[\"db\"][\"password\"]", file);

        Assert.Equal((0, "hunter2"), (result.ExitCode, result.Output));
    }

    [Fact]
    public async Task Failures_use_sops_exit_codes_and_leave_the_file_as_it_was()
    {
        var file = await EncryptedFileAsync();
        var before = File.ReadAllBytes(_dir.PathOf(file));
        var tampered = File.ReadAllText(_dir.PathOf(file)).Replace("visible", "changed", StringComparison.Ordinal);
        File.WriteAllText(_dir.PathOf("tampered.yaml"), tampered);

        Assert.Equal(203, (await Run("sops", "-e", "-i", "--age", _identity.Recipient, file)).ExitCode);
        Assert.Equal(51, (await Run("sops", "-d", "tampered.yaml")).ExitCode);
        Assert.Equal(0, (await Run("sops", "-d", "--ignore-mac", "tampered.yaml")).ExitCode);
        Assert.Equal(91, (await Run("sops", "-d", "--extract", "db.password", file)).ExitCode);
        Assert.Equal(100, (await Run("sops")).ExitCode);
        Assert.Equal(8, (await Run("sops", "-d", "-i", "--output", "x.yaml", file)).ExitCode);
        Assert.Equal(8, (await Run("sops", "--extract", "[\"db\"]", file)).ExitCode);
        File.WriteAllText(_dir.PathOf("two.yaml"), "a: 1\n---\nb: 2\n");
        Assert.Equal(8, (await Run("sops", "-e", "--age", _identity.Recipient, "--output-type", "json", "two.yaml")).ExitCode);
        var noKey = await CliRunner.RunAsync(_dir.Directory, ["sops", "-d", file], environment: new Dictionary<string, string> { ["HOME"] = _dir.Directory });
        Assert.Equal(128, noKey.ExitCode);
        Assert.DoesNotContain("hunter2", noKey.Output + noKey.Error, StringComparison.Ordinal);
        File.WriteAllText(_dir.PathOf("plain.yaml"), "a: 1\n");
        Assert.Equal(111, (await CliRunner.RunAsync(_dir.Directory, ["sops", "-e", "plain.yaml"], environment: new Dictionary<string, string> { ["HOME"] = _dir.Directory })).ExitCode);
        Assert.Equal(before, File.ReadAllBytes(_dir.PathOf(file)));
    }

    [Fact]
    public async Task Set_changes_one_value_and_keeps_the_others_ciphertext()
    {
        var file = await EncryptedFileAsync();
        var before = File.ReadAllLines(_dir.PathOf(file));

        var set = await Run("sops", "set", file, "[\"db\"][\"password\"]", "\"s3cret\"");
        var unset = await Run("sops", "unset", file, "[\"db\"][\"port\"]");

        Assert.Equal((0, 0), (set.ExitCode, unset.ExitCode));
        Assert.Equal("s3cret", (await Run("sops", "-d", "--extract", "[\"db\"][\"password\"]", file)).Output);
        var after = File.ReadAllLines(_dir.PathOf(file));
        Assert.Contains(before.First(l => l.StartsWith("#ENC", StringComparison.Ordinal)), after);
        Assert.DoesNotContain(after, l => l.TrimStart().StartsWith("port:", StringComparison.Ordinal));
        Assert.Equal(1, (await Run("sops", "unset", file, "[\"db\"][\"port\"]")).ExitCode);
        Assert.Equal(0, (await Run("sops", "unset", "--idempotent", file, "[\"db\"][\"port\"]")).ExitCode);
    }

    [Fact]
    public async Task Exec_env_and_exec_file_hand_the_secrets_to_a_command_and_leave_no_plaintext()
    {
        File.WriteAllText(_dir.PathOf("app.env"), "TOKEN=abc123\nDB_PASSWORD=hunter2\n");
        Assert.Equal(0, (await Run("sops", "-e", "-i", "--age", _identity.Recipient, "app.env")).ExitCode);
        var leftovers = TempPlaintexts();

        var env = await Run("sops", "exec-env", "app.env", "printf '%s' \"$TOKEN\" > token.txt; exit 3");
        var file = await Run("sops", "exec-file", "--filename", "it's a file", "app.env", "cp {} copy.env");

        Assert.Equal(3, env.ExitCode);
        Assert.Equal("abc123", File.ReadAllText(_dir.PathOf("token.txt")));
        Assert.Equal(0, file.ExitCode);
        Assert.Equal("TOKEN=abc123\nDB_PASSWORD=hunter2\n", File.ReadAllText(_dir.PathOf("copy.env")));
        Assert.Equal(leftovers, TempPlaintexts());
    }

    [Fact]
    public async Task A_creation_rule_in_sops_yaml_chooses_the_keys_and_updatekeys_and_rotate_follow_it()
    {
        var second = AgeIdentity.Generate();
        File.WriteAllText(_dir.PathOf(".sops.yaml"), $"creation_rules:\n  - path_regex: \\.yaml$\n    age: {_identity.Recipient}\n");
        File.WriteAllText(_dir.PathOf("s.yaml"), Plain);
        Assert.Equal(0, (await Run("sops", "-e", "-i", "s.yaml")).ExitCode);
        File.WriteAllText(_dir.PathOf(".sops.yaml"), $"creation_rules:\n  - path_regex: \\.yaml$\n    age: {_identity.Recipient},{second.Recipient}\n");

        var update = await Run("sops", "updatekeys", "-y", "s.yaml");
        File.WriteAllText(_dir.PathOf("second.txt"), second.ToKeyFile(DateTimeOffset.UnixEpoch));
        var withSecond = new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = _dir.PathOf("second.txt") };
        var bySecond = await RunWith(withSecond, "", "sops", "-d", "s.yaml");
        var rotate = await Run("sops", "rotate", "-i", "--rm-age", second.Recipient, "s.yaml");

        Assert.True(update.ExitCode == 0, update.Error);
        Assert.Contains($"+++ {second.Recipient}", update.Output, StringComparison.Ordinal);
        Assert.Equal(Plain, bySecond.Output);
        Assert.Equal(0, rotate.ExitCode);
        Assert.Equal(128, (await RunWith(withSecond, "", "sops", "-d", "s.yaml")).ExitCode);
        Assert.Equal(Plain, (await Run("sops", "-d", "s.yaml")).Output);
    }

    [Fact]
    public async Task Keygen_writes_an_owner_only_key_and_never_overwrites()
    {
        var first = await Run("keygen", "-o", "new.txt");
        var again = await Run("keygen", "-o", "new.txt");

        Assert.Equal(0, first.ExitCode);
        var identity = Assert.Single(AgeIdentity.ParseFile(File.ReadAllText(_dir.PathOf("new.txt"))));
        Assert.Contains($"Public key: {identity.Recipient}", first.Error, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir.PathOf("new.txt")));
        Assert.Equal(1, again.ExitCode);
        Assert.Equal(identity.Recipient, Assert.Single(AgeIdentity.ParseFile(File.ReadAllText(_dir.PathOf("new.txt")))).Recipient);
    }

    [Fact]
    public async Task Paths_and_the_sops_yaml_search_start_from_the_lab_directory_when_given()
    {
        Directory.CreateDirectory(_dir.PathOf("lab/secrets"));
        File.WriteAllText(_dir.PathOf("lab/.sops.yaml"), $"creation_rules:\n  - age: {_identity.Recipient}\n");
        File.WriteAllText(_dir.PathOf("lab/secrets/s.yaml"), Plain);

        var encrypt = await Run("sops", "-C", "lab", "-e", "-i", "secrets/s.yaml");

        Assert.True(encrypt.ExitCode == 0, encrypt.Error);
        Assert.Equal(Plain, (await Run("sops", "-d", "lab/secrets/s.yaml")).Output);
    }

    [Fact]
    public async Task Filestatus_tells_encrypted_files_apart()
    {
        var file = await EncryptedFileAsync();
        File.WriteAllText(_dir.PathOf("plain.yaml"), "a: 1\n");

        Assert.Equal("{\"encrypted\":true}\n", (await Run("sops", "filestatus", file)).Output);
        Assert.Equal("{\"encrypted\":false}\n", (await Run("sops", "filestatus", "plain.yaml")).Output);
    }

    /// <summary>Decrypted temp directories present now (there should never be any left over).</summary>
    internal static string[] TempPlaintexts() =>
        [.. new[] { "/dev/shm", Path.GetTempPath() }.Where(Directory.Exists).SelectMany(d => Directory.GetDirectories(d, "hearth-sops-*")).Order()];
}
