namespace Hearth.Secrets.Age;

/// <summary>The errors every part of the age reader reports, worded the same way.</summary>
internal static class AgeFormat
{
    public static SecretsException Invalid(string problem, Exception? inner = null) =>
        new(SecretsFailure.InvalidFile, $"not a valid age file: {problem}", null, inner);
}
