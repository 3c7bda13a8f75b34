using Hearth.Secrets.Age;
using Hearth.Testing;

namespace Hearth.Cli.Tests;

/// <summary>
/// <c>hearth sops FILE</c> with a scripted editor: a change is encrypted back, no change leaves the file alone
/// (exit 200), invalid YAML reopens the editor, a killed editor loses nothing; no plaintext is ever left behind.
/// </summary>
[Collection(SopsCommandTests.Collection)]
public sealed class SopsEditTests : IDisposable
{
    private const string Plain = "# database\ndb:\n    password: hunter2\n";

    private readonly TempLab _dir = new("resources: {}\n");
    private readonly AgeIdentity _identity = AgeIdentity.Generate();
    private readonly string[] _leftoversBefore = SopsCommandTests.TempPlaintexts();

    public SopsEditTests() => File.WriteAllText(_dir.PathOf("key.txt"), _identity.ToKeyFile(DateTimeOffset.UnixEpoch));

    public void Dispose() => _dir.Dispose();

    private async Task<CliRunner.Result> EditAsync(string editorScript, string input = "", params string[] extra)
    {
        var editor = _dir.PathOf("editor.sh");
        File.WriteAllText(editor, "#!/bin/sh\n" + editorScript);
        File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var environment = new Dictionary<string, string>
        {
            ["SOPS_AGE_KEY_FILE"] = _dir.PathOf("key.txt"),
            ["EDITOR"] = editor,
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = _dir.Directory,
        };
        return await CliRunner.RunAsync(_dir.Directory, ["sops", .. extra, "secrets.yaml"], input: input, environment: environment);
    }

    private async Task<byte[]> EncryptedAsync()
    {
        File.WriteAllText(_dir.PathOf("secrets.yaml"), Plain);
        var environment = new Dictionary<string, string> { ["HOME"] = _dir.Directory };
        Assert.Equal(0, (await CliRunner.RunAsync(_dir.Directory, ["sops", "-e", "-i", "--age", _identity.Recipient, "secrets.yaml"], environment: environment)).ExitCode);
        return File.ReadAllBytes(_dir.PathOf("secrets.yaml"));
    }

    private async Task<string> DecryptedAsync() =>
        (await CliRunner.RunAsync(_dir.Directory, ["sops", "-d", "secrets.yaml"],
            environment: new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = _dir.PathOf("key.txt") })).Output;

    [Fact]
    public async Task A_change_is_encrypted_back_and_unchanged_values_keep_their_ciphertext()
    {
        var before = System.Text.Encoding.UTF8.GetString(await EncryptedAsync());

        var result = await EditAsync("sed -i 's/hunter2/changed/' \"$1\"\n");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(Plain.Replace("hunter2", "changed", StringComparison.Ordinal), await DecryptedAsync());
        var comment = before.Split('\n').First(l => l.StartsWith("#ENC", StringComparison.Ordinal));
        Assert.Contains(comment, File.ReadAllText(_dir.PathOf("secrets.yaml")), StringComparison.Ordinal);
        Assert.Equal(_leftoversBefore, SopsCommandTests.TempPlaintexts());
    }

    [Fact]
    public async Task Closing_the_editor_without_a_change_exits_200_and_leaves_the_file_alone()
    {
        var before = await EncryptedAsync();

        var result = await EditAsync("exit 0\n");

        Assert.Equal(200, result.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(_dir.PathOf("secrets.yaml")));
        Assert.Equal(_leftoversBefore, SopsCommandTests.TempPlaintexts());
    }

    [Fact]
    public async Task Invalid_yaml_reopens_the_editor_and_the_fixed_edit_is_saved()
    {
        await EncryptedAsync();
        var counter = _dir.PathOf("opened");

        var result = await EditAsync(
            $"if [ -f '{counter}' ]; then printf 'db:\\n    password: fixed\\n' > \"$1\"; else touch '{counter}'; printf 'db: [unclosed\\n' > \"$1\"; fi\n",
            input: "\n");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("not valid", result.Error, StringComparison.Ordinal);
        Assert.Equal("db:\n    password: fixed\n", await DecryptedAsync());
        Assert.Equal(_leftoversBefore, SopsCommandTests.TempPlaintexts());
    }

    [Fact]
    public async Task A_killed_editor_leaves_the_file_unchanged_and_no_plaintext()
    {
        var before = await EncryptedAsync();

        var result = await EditAsync("sed -i 's/hunter2/changed/' \"$1\"\nkill -9 $$\n");

        Assert.Equal(201, result.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(_dir.PathOf("secrets.yaml")));
        Assert.DoesNotContain("hunter2", result.Output + result.Error, StringComparison.Ordinal);
        Assert.Equal(_leftoversBefore, SopsCommandTests.TempPlaintexts());
    }

    [Fact]
    public async Task Closing_the_example_of_a_new_file_unchanged_creates_nothing()
    {
        var result = await EditAsync("exit 0\n", "", "--age", _identity.Recipient);

        Assert.Equal(200, result.ExitCode);
        Assert.False(File.Exists(_dir.PathOf("secrets.yaml")));
    }

    [Fact]
    public async Task Editing_a_new_file_creates_it_encrypted()
    {
        var result = await EditAsync("printf 'token: abc\\n' > \"$1\"\n", "", "--age", _identity.Recipient);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain("abc", File.ReadAllText(_dir.PathOf("secrets.yaml")), StringComparison.Ordinal);
        Assert.Equal("token: abc\n", await DecryptedAsync());
    }
}
