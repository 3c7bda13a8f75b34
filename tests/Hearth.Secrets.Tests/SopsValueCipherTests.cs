using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Tests;

public sealed class SopsValueCipherTests
{
    private static readonly byte[] DataKey = SopsDataKey.Generate();

    [Fact]
    public void A_changed_unused_bit_in_the_last_base64_character_is_refused()
    {
        // Five bytes take seven base64 characters: the last carries two bits no decoder looks at.
        var encrypted = SopsValueCipher.Encrypt("12345", DataKey, "a:");
        var data = encrypted[(encrypted.IndexOf("data:", StringComparison.Ordinal) + 5)..encrypted.IndexOf(",iv:", StringComparison.Ordinal)];
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var changed = data[..6] + alphabet[alphabet.IndexOf(data[6], StringComparison.Ordinal) ^ 1] + data[7..];
        Assert.Equal(Convert.FromBase64String(data), Convert.FromBase64String(changed));

        var error = Assert.Throws<SecretsException>(() => SopsValueCipher.Decrypt(encrypted.Replace(data, changed, StringComparison.Ordinal), DataKey, "a:"));

        Assert.Equal(SecretsFailure.InvalidFile, error.Failure);
        Assert.Equal("the value at `a` holds invalid base64", error.Message);
    }

    [Theory]
    [InlineData("int", "secret-word")]
    [InlineData("int", "99999999999999999999")]
    [InlineData("float", "secret-word")]
    [InlineData("bool", "yes")]
    public void A_type_that_does_not_fit_the_decrypted_text_is_an_invalid_file_that_does_not_quote_it(string type, string plaintext)
    {
        // The type is not authenticated: anyone can change it.
        var retyped = SopsValueCipher.Encrypt(plaintext, DataKey, "a:").Replace("type:str", $"type:{type}", StringComparison.Ordinal);

        var error = Assert.Throws<SecretsException>(() => SopsValueCipher.Decrypt(retyped, DataKey, "a:"));

        Assert.Equal(SecretsFailure.InvalidFile, error.Failure);
        Assert.Equal($"the value at `a` decrypts to something that is not a valid {type}", error.Message);
    }

    [Theory]
    [InlineData("t", true)]
    [InlineData("TRUE", true)]
    [InlineData("0", false)]
    [InlineData("False", false)]
    public void A_bool_reads_as_gos_parse_bool_does(string plaintext, bool expected)
    {
        var encrypted = SopsValueCipher.Encrypt(plaintext, DataKey, "a:").Replace("type:str", "type:bool", StringComparison.Ordinal);

        Assert.Equal(expected, SopsValueCipher.Decrypt(encrypted, DataKey, "a:").Value);
    }
}
