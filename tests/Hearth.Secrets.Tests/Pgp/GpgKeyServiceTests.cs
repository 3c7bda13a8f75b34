using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Hearth.Secrets.Pgp;
using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Tests.Pgp;

/// <summary>The service against the real gpg, with sops's own test keys in a throwaway GNUPGHOME.</summary>
public sealed class GpgKeyServiceTests
{
    private const string FunctionalTestKey = "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4";

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task The_data_key_of_a_file_written_by_sops_decrypts_and_opens_its_values(int entry)
    {
        await using var home = await GnupgHome.CreateAsync("sops-functional-tests.asc");
        var document = SopsFiles.Read(SopsFixtures.PathOf("sops-example.yaml"), "sops-example.yaml");
        var pgp = document.Metadata.Pgp[entry];
        IPgpKeyService service = new GpgKeyService(home.Environment);

        var dataKey = service.TryDecrypt(pgp.Enc, pgp.Fingerprint, CancellationToken.None);

        Assert.NotNull(dataKey);
        Assert.Equal(32, dataKey.Length);
        var encrypted = (string)((SopsScalar)((SopsMap)((SopsMap)document.Documents[0].Get("app2")!).Get("db")!).Get("password")!).Value!;
        var (value, _) = SopsValueCipher.Decrypt(encrypted, dataKey, "app2:db:password:");
        using var expected = JsonDocument.Parse(File.ReadAllText(SopsFixtures.PathOf("sops-example.yaml.expected.json")));
        Assert.Equal(expected.RootElement.GetProperty("app2").GetProperty("db").GetProperty("password").GetString(), value);
    }

    [Fact]
    public async Task A_data_key_encrypted_to_a_fingerprint_decrypts_back_to_the_same_bytes()
    {
        await using var home = await GnupgHome.CreateAsync("sops-functional-tests.asc");
        IPgpKeyService service = new GpgKeyService(home.Environment);
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var armored = service.Encrypt(dataKey, FunctionalTestKey, CancellationToken.None);

        Assert.StartsWith("-----BEGIN PGP MESSAGE-----", armored, StringComparison.Ordinal);
        Assert.EndsWith("-----END PGP MESSAGE-----", armored, StringComparison.Ordinal);
        Assert.Equal(dataKey, service.TryDecrypt(armored, FunctionalTestKey, CancellationToken.None));
    }

    [Fact]
    public async Task A_fingerprint_written_with_spaces_and_lower_case_still_encrypts()
    {
        await using var home = await GnupgHome.CreateAsync("sops-functional-tests.asc");
        var service = new GpgKeyService(home.Environment);
        var dataKey = RandomNumberGenerator.GetBytes(33);

        var armored = await service.EncryptAsync(dataKey, "fbc7 b9e2 a4f9 289a c0c1  d484 3d16 cee4 a273 81b4", CancellationToken.None);

        Assert.Equal(dataKey, await service.TryDecryptAsync(armored, CancellationToken.None));
    }

    [Fact]
    public async Task Without_the_secret_key_decryption_gives_null()
    {
        await using var home = await GnupgHome.CreateAsync();
        var pgp = SopsFiles.Read(SopsFixtures.PathOf("sops-example.yaml"), "sops-example.yaml").Metadata.Pgp[0];

        var dataKey = new GpgKeyService(home.Environment).TryDecrypt(pgp.Enc, pgp.Fingerprint, CancellationToken.None);

        Assert.Null(dataKey);
    }

    [Fact]
    public async Task Encrypting_to_a_key_missing_from_the_keyring_names_the_key_and_not_the_data()
    {
        await using var home = await GnupgHome.CreateAsync();
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var error = Assert.Throws<SecretsException>(() => new GpgKeyService(home.Environment).Encrypt(dataKey, FunctionalTestKey, CancellationToken.None));

        Assert.Equal(SecretsFailure.EncryptionFailed, error.Failure);
        Assert.Contains(FunctionalTestKey, error.Message, StringComparison.Ordinal);
        Assert.Contains("gpg --list-keys", error.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(dataKey), error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(dataKey), error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("not-a-fingerprint")]
    [InlineData("FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B")]
    [InlineData("--output=/tmp/x")]
    [InlineData("")]
    public void An_invalid_fingerprint_is_refused_before_gpg_runs(string fingerprint)
    {
        // A gpg that cannot start proves the refusal comes first.
        var service = new GpgKeyService(new Dictionary<string, string> { ["SOPS_GPG_EXEC"] = "/nonexistent/gpg" });

        var error = Assert.Throws<SecretsException>(() => service.Encrypt(new byte[32], fingerprint, CancellationToken.None));

        Assert.Equal(SecretsFailure.InvalidConfig, error.Failure);
        Assert.Contains("not a PGP fingerprint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_gpg_is_not_installed_the_error_says_to_install_gnupg()
    {
        var service = new GpgKeyService(new Dictionary<string, string> { ["SOPS_GPG_EXEC"] = "/nonexistent/gpg" });

        var decrypting = Assert.Throws<SecretsException>(() => service.TryDecrypt("-----BEGIN PGP MESSAGE-----", FunctionalTestKey, CancellationToken.None));
        var encrypting = Assert.Throws<SecretsException>(() => service.Encrypt(new byte[32], FunctionalTestKey, CancellationToken.None));

        Assert.Equal(SecretsFailure.NoKey, decrypting.Failure);
        Assert.Equal(SecretsFailure.EncryptionFailed, encrypting.Failure);
        Assert.Contains("/nonexistent/gpg", decrypting.Message, StringComparison.Ordinal);
        Assert.Contains("gnupg", decrypting.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_kills_a_gpg_that_does_not_answer()
    {
        Assert.False(OperatingSystem.IsWindows(), "this test uses a shell script as the gpg");
        var directory = Directory.CreateTempSubdirectory("hearth-gpg-");
        try
        {
            var script = Path.Combine(directory.FullName, "gpg");
            await File.WriteAllTextAsync(script, "#!/bin/sh\nexec sleep 60\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var service = new GpgKeyService(new Dictionary<string, string> { ["SOPS_GPG_EXEC"] = script });
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var clock = Stopwatch.StartNew();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.TryDecryptAsync("-----BEGIN PGP MESSAGE-----", cancel.Token));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"gpg was not stopped: cancellation took {clock.Elapsed}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
