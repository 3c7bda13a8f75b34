using Hearth.Secrets.Config;

namespace Hearth.Secrets.Tests.Config;

public sealed class GoRegexTests
{
    [Theory]
    [InlineData(@"(?P<env>prod|dev)/", "apps/prod/db.yaml", true)]
    [InlineData(@"^[[:alpha:]]+/[[:digit:]]+\.yaml$", "prod/42.yaml", true)]
    [InlineData(@"^[[:alpha:]]+/[[:digit:]]+\.yaml$", "prod/x.yaml", false)]
    [InlineData(@"^\pL+/", "prod/db.yaml", true)]
    [InlineData(@"\Qa.b\E", "a.b", true)]
    [InlineData(@"\Qa.b\E", "axb", false)]
    [InlineData(@"[]x]", "]", true)]
    [InlineData(@"\x{41}", "A", true)]
    [InlineData(@"(?i)SECRETS/", "secrets/db.yaml", true)]
    public void Patterns_match_as_go_regexp_matches_them(string pattern, string input, bool matches)
    {
        Assert.Equal(matches, GoRegex.Compile(pattern).IsMatch(input));
    }

    [Theory]
    [InlineData(@"(a)\1")]
    [InlineData(@"(?<=x)y")]
    public void Constructs_re2_lacks_are_refused(string pattern)
    {
        Assert.Throws<NotSupportedException>(() => GoRegex.Compile(pattern));
    }
}
