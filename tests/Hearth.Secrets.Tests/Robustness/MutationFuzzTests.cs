using System.Text;
using Hearth.Secrets.Sops;
using Xunit.Abstractions;

namespace Hearth.Secrets.Tests.Robustness;

/// <summary>
/// Thousands of damaged copies of files in every format, from fixed seeds: reading one either works or throws a
/// <see cref="SecretsException"/> whose message names the file; no other exception may escape the parsers, the
/// metadata reader, the age reader or the decryptor.
/// </summary>
public sealed class MutationFuzzTests(ITestOutputHelper output)
{
    private const int MutationsPerFile = 300;

    public static TheoryData<string> Files =>
    [
        // sops-written, opened by the flux, helm-secrets, sops-nix and terragrunt age keys.
        "flux-secret-age.yaml", "flux-secret-merge1.yaml", "helmsecrets-secrets.age.yaml", "sopsnix-secrets.yaml",
        "terragrunt-age-key-with-space.yaml", "flux-age.env", "flux-age-binary.txt",
        // sops-written for PGP keys: parsed and their metadata read, then no age key opens them.
        "sops-format.enc.yaml", "sops-format.enc.json", "sops-format.enc.env", "sops-comments.enc.yaml", "sops-example.yaml",
        "sops-example.json", "ksops-secret.enc.env", "helmsecrets-secrets-3.5.yaml", "helmsecrets-trailing-newline.raw",
        // Hearth-written for what the fixtures lack.
        "hearth-age.json", "hearth-age.yaml", "hearth-age-mac-only.yaml", "hearth-age.env", "hearth-age.bin", "hearth-age-groups.yaml",
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public void A_damaged_file_either_opens_or_fails_with_a_secrets_error_naming_the_file(string file)
    {
        var original = Load(file);
        var format = SopsFiles.FormatOf(file);
        var identities = SopsFixtures.AgeKey(KeyOf(file));
        var mutator = new FileMutator(Seed(file));
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var violations = new List<string>();

        for (var i = 0; i < MutationsPerFile; i++)
        {
            var (content, steps) = mutator.Mutate(original);
            string outcome;
            try
            {
                SopsReading.Decrypt(content, file, format, identities);
                outcome = "opened";
            }
            catch (SecretsException e)
            {
                outcome = e.Failure.ToString();
                if (!e.Message.Contains(file, StringComparison.Ordinal))
                    violations.Add($"#{i} ({steps}): {e.Failure} without the file name: {e.Message}");
            }
            catch (Exception e)
            {
                outcome = e.GetType().Name;
                violations.Add($"#{i} ({steps}): {e.GetType().FullName}: {e.Message}\n    {Where(e)}");
            }
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        output.WriteLine($"{file}: {string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}"))}");
        Assert.True(violations.Count == 0, $"{violations.Count} of {MutationsPerFile} damaged copies of {file} misbehaved:\n{string.Join("\n", violations.Take(15))}");
    }

    /// <summary>The frame that threw and the first frame of Hearth's code under it.</summary>
    private static string Where(Exception e)
    {
        var frames = (e.StackTrace ?? "").Split('\n').Select(f => f.Trim()).ToList();
        return string.Join(" … ", new[] { frames.FirstOrDefault(), frames.FirstOrDefault(f => f.StartsWith("at Hearth.", StringComparison.Ordinal)) }.Distinct());
    }

    private static byte[] Load(string file) => file switch
    {
        "hearth-age.json" => HearthWrittenFiles.Encrypt("json", HearthWrittenFiles.Json),
        "hearth-age.yaml" => HearthWrittenFiles.Encrypt("yaml", HearthWrittenFiles.Yaml),
        "hearth-age-mac-only.yaml" => HearthWrittenFiles.Encrypt("yaml", HearthWrittenFiles.Yaml, new SopsEncryptionRules(EncryptedRegex: "^(app|multi)$", MacOnlyEncrypted: true)),
        "hearth-age.env" => HearthWrittenFiles.Encrypt("dotenv", HearthWrittenFiles.Dotenv),
        "hearth-age.bin" => HearthWrittenFiles.Encrypt("binary", HearthWrittenFiles.Binary),
        "hearth-age-groups.yaml" => HearthWrittenFiles.Encrypt("yaml", HearthWrittenFiles.Yaml, keyGroups: 3),
        _ => File.ReadAllBytes(SopsFixtures.PathOf(file)),
    };

    private static string KeyOf(string file) => file switch
    {
        _ when file.StartsWith("helmsecrets", StringComparison.Ordinal) => "helmsecrets-age.txt",
        _ when file.StartsWith("sopsnix", StringComparison.Ordinal) => "sopsnix-age.txt",
        _ when file.StartsWith("terragrunt", StringComparison.Ordinal) => "terragrunt-age.txt",
        _ => "flux-age.txt",
    };

    /// <summary>A seed from the name that is the same on every run (string.GetHashCode is not).</summary>
    private static int Seed(string file) => Encoding.UTF8.GetBytes(file).Aggregate(17, (hash, b) => unchecked(hash * 31 + b));
}
