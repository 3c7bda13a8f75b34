using System.Text;
using Hearth.Dns.Records;

namespace Hearth.Dns.Tests.Records;

public sealed class TxtValueTests
{
    private static string Normalise(string value) =>
        DnsRecordValue.Normalise(DnsRecordType.TXT, value, DnsNameContext.Lab(DnsName.Parse("qt.rs")), "txt.qt.rs.");

    [Theory]
    [InlineData("v=spf1 -all", "\"v=spf1 -all\"")]
    [InlineData("\"v=spf1 -all\"", "\"v=spf1 -all\"")]
    [InlineData("\"v=spf1 \" \"-all\"", "\"v=spf1 -all\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("C:\\path", "\"C:\\\\path\"")]
    [InlineData("", "\"\"")]
    [InlineData("\"\"", "\"\"")]
    [InlineData("\"a\\065\\\\\"", "\"aA\\\\\"")]
    [InlineData("tab\there", "\"tab\\009here\"")]
    [InlineData("café", "\"café\"")]
    public void A_TXT_value_is_its_logical_text_quoted_with_quotes_and_backslashes_escaped(string value, string expected)
    {
        Assert.Equal(expected, Normalise(value));
    }

    [Fact]
    public void Split_and_unsplit_text_are_the_same_value()
    {
        Assert.Equal(Normalise("ab"), Normalise("\"a\" \"b\""));
        Assert.Equal(Normalise("\"a\"   \"b\""), Normalise("\"ab\""));
    }

    [Theory]
    [InlineData("\"unterminated")]
    [InlineData("\"a\" b")]
    [InlineData("\"a\"\"b\"")]
    public void Text_that_is_not_entirely_quoted_strings_is_taken_literally(string value)
    {
        Assert.Equal(CharacterString.Quote(Encoding.UTF8.GetBytes(value)), Normalise(value));
    }

    [Fact]
    public void Long_text_is_split_into_strings_of_255_bytes()
    {
        var text = new string('x', 600);

        var written = Normalise(text);

        Assert.Equal($"\"{new string('x', 255)}\" \"{new string('x', 255)}\" \"{new string('x', 90)}\"", written);
        Assert.Equal(written, Normalise(written));
    }

    [Fact]
    public void Quotes_and_backslashes_count_as_one_byte_each_when_splitting()
    {
        var text = new string('"', 254) + "\\\\";

        var strings = TxtValue.FromText(text).Split();

        Assert.Equal([255, 1], strings.Select(s => s.Length));
        Assert.Equal("\"" + string.Concat(Enumerable.Repeat("\\\"", 254)) + "\\\\\" \"\\\\\"", Normalise(text));
    }

    [Theory]
    [InlineData("é", 2)]
    [InlineData("€", 3)]
    [InlineData("😀", 4)]
    public void A_multi_byte_character_is_never_split_across_strings(string character, int bytes)
    {
        // 254 ASCII bytes leave one byte free in the first string: too little for the character.
        var text = new string('a', 254) + character + "z";

        var strings = TxtValue.FromText(text).Split();

        Assert.Equal([254, bytes + 1], strings.Select(s => s.Length));
        Assert.Equal(text, string.Concat(strings.Select(s => Encoding.UTF8.GetString(s))));
        Assert.Equal($"\"{new string('a', 254)}\" \"{character}z\"", Normalise(text));
    }

    [Fact]
    public void A_DKIM_key_given_split_at_other_places_compares_equal_to_the_unsplit_key()
    {
        var key = "v=DKIM1; k=rsa; p=" + new string('M', 400);
        var splitByHand = $"\"{key[..100]}\" \"{key[100..]}\"";

        Assert.Equal(Normalise(key), Normalise(splitByHand));
        Assert.Equal(key, TxtValue.Parse(Normalise(splitByHand)).Text);
    }

    [Fact]
    public void Bytes_that_are_not_UTF_8_are_kept_as_decimal_escapes()
    {
        Assert.Equal("\"\\255a\"", Normalise("\"\\255a\""));
    }

    [Fact]
    public void Text_longer_than_one_record_holds_is_refused()
    {
        var error = Assert.Throws<DnsRecordException>(() => Normalise(new string('x', 70_000)));

        Assert.Contains("70000 bytes", error.Message, StringComparison.Ordinal);
    }
}
