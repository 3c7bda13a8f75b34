using Hearth.Secrets.Age;
using Hearth.Testing;

namespace Hearth.Cli.Tests.Interop;

/// <summary>
/// Files <c>hearth sops -e</c> writes for a fresh age identity decrypt with sops-age, an independent SOPS implementation
/// (tests/interop/npm), to the plaintext's tree in every format it reads: YAML, JSON, dotenv, and binary (a JSON document).
/// sops-age does not check the MAC and drops comments, so those are covered by the fixture and round-trip tests instead.
/// The plaintexts stay inside what sops-age reads as sops does; its deviations are listed in tests/interop/npm/README.md.
/// </summary>
public sealed class SopsAgeInteropTests : IDisposable
{
    private readonly TempLab _dir = new("resources: {}\n");
    private readonly AgeIdentity _identity = AgeIdentity.Generate();
    private readonly Dictionary<string, string> _environment;

    public SopsAgeInteropTests()
    {
        File.WriteAllText(KeyFile, _identity.ToKeyFile(DateTimeOffset.UnixEpoch));
        _environment = new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = KeyFile, ["HOME"] = _dir.Directory };
    }

    private string KeyFile => _dir.PathOf("key.txt");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_yaml_file_with_nested_maps_lists_numbers_bools_comments_and_multi_line_strings_decrypts_to_its_tree()
    {
        var file = await EncryptAsync("app.yaml", SopsAgePlaintexts.Yaml);

        await AssertBothDecryptToAsync(file, SopsAgePlaintexts.YamlTree);
        var encrypted = File.ReadAllText(file);
        Assert.DoesNotContain("hunter2", encrypted, StringComparison.Ordinal);
        Assert.DoesNotContain("Welcome", encrypted, StringComparison.Ordinal);
        Assert.Contains("#ENC[AES256_GCM,", encrypted, StringComparison.Ordinal);
        Assert.Contains("public_unencrypted: visible", encrypted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kubernetes_secret_encrypted_only_under_data_and_stringData_decrypts_to_its_tree()
    {
        var file = await EncryptAsync("secret.yaml", SopsAgePlaintexts.KubernetesSecret, "--encrypted-regex", "^(data|stringData)$");

        await AssertBothDecryptToAsync(file, SopsAgePlaintexts.KubernetesSecretTree);
        var encrypted = File.ReadAllText(file);
        Assert.Contains("namespace: billing", encrypted, StringComparison.Ordinal);
        Assert.DoesNotContain("p@ss", encrypted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_file_with_nested_objects_arrays_numbers_and_escaped_characters_decrypts_to_its_tree()
    {
        var file = await EncryptAsync("config.json", SopsAgePlaintexts.Json);

        await AssertBothDecryptToAsync(file, SopsAgePlaintexts.Json);
        Assert.DoesNotContain("db.internal", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dotenv_file_decrypts_to_its_variables_with_spaces_quotes_and_newlines_kept()
    {
        var file = await EncryptAsync("app.env", SopsAgePlaintexts.Dotenv);

        await AssertBothDecryptToAsync(file, SopsAgePlaintexts.DotenvTree);
        var encrypted = File.ReadAllText(file);
        Assert.Contains("LOG_LEVEL_unencrypted=debug\n", encrypted, StringComparison.Ordinal);
        Assert.DoesNotContain("w0rd", encrypted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_binary_file_decrypts_to_its_exact_content_under_data()
    {
        const string content = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIHnQ2Vtq0e5pNq3Y4f2b2m9lqFvzvP6QmH8Xq0kX1J7a\n-----END PRIVATE KEY-----\n\n";
        var file = await EncryptAsync("tls.key", content);

        var decrypted = await NodeSopsDecoder.DecryptAsync(file, KeyFile);

        Assert.Equal(CanonicalJson.Of(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["data"] = content })), CanonicalJson.Of(decrypted));
        Assert.Equal(content, (await HearthAsync("sops", "-d", file)).Output);
        Assert.DoesNotContain("PRIVATE KEY", File.ReadAllText(file), StringComparison.Ordinal);
    }

    private async Task<string> EncryptAsync(string name, string plaintext, params string[] options)
    {
        File.WriteAllText(_dir.PathOf(name), plaintext);
        await HearthAsync(["sops", "-e", "-i", "--age", _identity.Recipient, .. options, name]);
        return _dir.PathOf(name);
    }

    /// <summary>sops-age and Hearth both decrypt the file to <paramref name="expectedJson"/>'s tree.</summary>
    private async Task AssertBothDecryptToAsync(string file, string expectedJson)
    {
        var bySopsAge = await NodeSopsDecoder.DecryptAsync(file, KeyFile);
        var byHearth = await HearthAsync("sops", "-d", "--output-type", "json", file);

        Assert.Equal(CanonicalJson.Of(expectedJson), CanonicalJson.Of(bySopsAge));
        Assert.Equal(CanonicalJson.Of(expectedJson), CanonicalJson.Of(byHearth.Output));
    }

    private async Task<CliRunner.Result> HearthAsync(params string[] args)
    {
        var result = await CliRunner.RunAsync(_dir.Directory, args, environment: _environment);
        Assert.True(result.ExitCode == 0, $"hearth {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return result;
    }
}
