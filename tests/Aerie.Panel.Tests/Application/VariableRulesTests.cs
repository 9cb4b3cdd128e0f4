using Aerie.Panel.Eggs;

namespace Aerie.Panel.Tests.Application;

/// <summary>Spec 05 §5.2's rule set, rule by rule, with the edge cases the spec lists.</summary>
public sealed class VariableRulesTests
{
    private static string? Failed(string rules, string? value, bool present = true) =>
        VariableRules.Check(rules, value, "X", present) is [var first, ..] ? first.Rule : null;

    private static void Passes(string rules, string? value) => Assert.Null(Failed(rules, value));

    private static void Fails(string rules, string? value, string rule) => Assert.Equal(rule, Failed(rules, value));

    [Theory]
    [InlineData("required|string|max:20", "", "required")]
    [InlineData("required|string|max:5", "toolong", "max")]
    [InlineData("required|integer", "12a", "integer")]
    [InlineData("required|numeric|min:10", "9.5", "min")]
    [InlineData("nullable|integer|max:100", "101", "max")]
    [InlineData("required|boolean", "yes", "boolean")]
    [InlineData("required|in:vanilla,paper", "forge", "in")]
    [InlineData("required|regex:/^([0-9_\\.-]*|latest)$/", "abc", "regex")]
    [InlineData("required|unknown_rule:1", "x", "unknown_rule")]
    public void Check_BadValue_NamesTheRule(string rules, string value, string rule)
    {
        var failures = VariableRules.Check(rules, value, "environment.X");
        Assert.Equal(rule, Assert.Single(failures).Rule);
        Assert.Contains("environment.X", failures[0].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("required|string|max:20", "paper")]
    [InlineData("nullable|integer", "")]
    [InlineData("required|numeric|min:10|max:20", "15")]
    [InlineData("required|boolean", "1")]
    [InlineData("required|in:vanilla,paper", "paper")]
    [InlineData("required|regex:/^([0-9_\\.-]*|latest)$/", "latest")]
    [InlineData("required|regex:/^[A-Z]+$/i", "abc")]
    public void Check_GoodValue_Passes(string rules, string value) => Assert.Empty(VariableRules.Check(rules, value, "X"));

    [Fact]
    public void Split_KeepsPipesInsideARegex() =>
        Assert.Equal(["required", "regex:/^(a|b)$/", "max:3"], VariableRules.Split("required|regex:/^(a|b)$/|max:3"));

    [Fact]
    public void Parse_NamesAliasesEmptyTokensAndParameters()
    {
        var rules = VariableRules.Parse("Required|AlphaDash|ALPHA_NUM|int|bool||Digits_Between:1,5|in:a,\"b,c\",\"say \"\"hi\"\"\"|regex:/^a:b,c$/|");
        Assert.Equal(["required", "alpha_dash", "alpha_num", "integer", "boolean", "digits_between", "in", "regex"], rules.Select(r => r.Name));
        Assert.Equal(["1", "5"], rules[5].Parameters);
        Assert.Equal(["a", "b,c", "say \"hi\""], rules[6].Parameters);
        // regex's parameter is everything after the first colon, commas included.
        Assert.Equal(["/^a:b,c$/"], rules[7].Parameters);
    }

    [Fact]
    public void Parse_ArrayForm_KeepsPipesInARegexAndIgnoresEmptyTokens()
    {
        var rules = VariableRules.Parse(["required", "", " ", "regex:/^(a|b)$/"]);
        Assert.Equal(["required", "regex"], rules.Select(r => r.Name));
        Assert.Empty(VariableRules.Check(rules, "b", "X"));
        Assert.Equal("regex", Assert.Single(VariableRules.Check(rules, "c", "X")).Rule);
    }

    [Fact]
    public void Names_AreCaseAndUnderscoreInsensitive()
    {
        Fails("AlphaDash", "a b", "alpha_dash");
        Fails("alpha_dash", "a b", "alpha_dash");
        Fails("ALPHADASH", "a b", "alpha_dash");
        Fails("Int", "x", "integer");
        Fails("BOOL", "true", "boolean");
        Passes("Digits_Between:1,3", "12");
        Fails("NotIn:a", "a", "not_in");
    }

    [Fact]
    public void EmptyString_IsNull_AndNullableSkipsAllButPresence()
    {
        Passes("nullable|string|max:3|integer|regex:/^a$/|in:x|alpha_num|url|ends_with:z|digits_between:2,3|boolean|numeric|alpha_dash", "");
        Passes("nullable|min:1|gt:0|size:4", null);
        Fails("nullable|required|string", "", "required");
        Fails("nullable|required|string", null, "required");
        Passes("nullable|present", null);
    }

    [Theory]
    [InlineData("string")]
    [InlineData("numeric")]
    [InlineData("integer")]
    [InlineData("boolean")]
    [InlineData("in:a")]
    [InlineData("regex:/.*/")]
    [InlineData("alpha_dash")]
    [InlineData("alpha_num")]
    [InlineData("digits_between:0,3")]
    [InlineData("url")]
    [InlineData("ends_with:a")]
    public void NullWithoutNullable_FailsTypeAndPatternRules(string rule)
    {
        var name = VariableRules.Parse(rule)[0].Name;
        Fails(rule, null, name);
        Fails(rule, "", name);
    }

    [Fact]
    public void NullWithoutNullable_SizeRulesSeeLengthZero()
    {
        Passes("max:3", "");
        Fails("min:1", "", "min");
        Passes("between:0,2", "");
        Fails("between:1,2", "", "between");
        Passes("size:0", "");
        Fails("size:1", "", "size");
        Fails("gt:0", "", "gt");
        Passes("not_in:a,b", "");
    }

    [Fact]
    public void Required_NotNullAndNotWhitespace()
    {
        Passes("required", "a");
        Passes("required", "0");
        Fails("required", "", "required");
        Fails("required", null, "required");
        Fails("required", "   ", "required");
        Fails("required", "\t\n", "required");
        // After a failed presence rule nothing else is reported (Laravel stops there).
        Assert.Single(VariableRules.Check("required|string|min:3", null, "X"));
    }

    [Fact]
    public void Present_IsAboutTheKey()
    {
        Passes("present", "");
        Passes("present|nullable", null);
        Assert.Equal("present", Failed("present", "x", present: false));
        Assert.Equal("required", Failed("required", "x", present: false));
        // A missing key is not checked by the other rules.
        Assert.Null(Failed("string|integer|min:5", null, present: false));
    }

    [Fact]
    public void String_PassesForAnyStoredValue()
    {
        Passes("string", "x");
        Passes("string", "123");
        Passes("string", "$(id)");
    }

    [Fact]
    public void MaxMin_CountCodePoints_OrTheNumberWithANumericRule()
    {
        Passes("max:3", "abc");
        Fails("max:3", "abcd", "max");
        Passes("max:2", "😀é");
        Fails("max:1", "😀é", "max");
        Passes("min:2", "😀é");
        Fails("min:3", "ab", "min");
        // numeric/integer make size the number.
        Fails("integer|max:100", "101", "max");
        Passes("integer|max:100", "99");
        Passes("numeric|max:100", "1e2");
        Fails("numeric|max:100", "1e3", "max");
        Passes("numeric|min:-5", "-4.5");
        Fails("numeric|min:-5", "-5.5", "min");
        // Without a numeric rule "1000" is four characters.
        Passes("max:4", "1000");
        // A numeric rule that fails still leaves size to the length.
        Assert.Equal(["integer"], VariableRules.Check("integer|max:3", "abc", "X").Select(f => f.Rule));
    }

    [Fact]
    public void SizeMessages_SayCharactersOnlyForStrings()
    {
        Assert.Equal("The X field must not be greater than 3 characters.", VariableRules.Check("max:3", "abcd", "X")[0].Detail);
        Assert.Equal("The X field must not be greater than 3.", VariableRules.Check("integer|max:3", "4", "X")[0].Detail);
        Assert.Equal("The X field must be at least 2 characters.", VariableRules.Check("min:2", "a", "X")[0].Detail);
        Assert.Equal("The X field must be between 1 and 5.", VariableRules.Check("numeric|between:1,5", "6", "X")[0].Detail);
        Assert.Equal("The X field must be 32 characters.", VariableRules.Check("size:32", "a", "X")[0].Detail);
        Assert.Equal("The X field must be greater than 0.", VariableRules.Check("integer|gt:0", "0", "X")[0].Detail);
    }

    [Fact]
    public void Between_Size_Gt()
    {
        Passes("between:2,4", "ab");
        Passes("between:2,4", "abcd");
        Fails("between:2,4", "a", "between");
        Fails("between:2,4", "abcde", "between");
        Passes("integer|between:1,65535", "25565");
        Fails("integer|between:1,65535", "65536", "between");
        Fails("integer|between:1,65535", "0", "between");
        Passes("alpha_num|size:32", new string('a', 32));
        Fails("alpha_num|size:32", new string('a', 31), "size");
        Fails("alpha_num|size:32", new string('a', 33), "size");
        Passes("integer|size:10", "10");
        Passes("integer|gt:0", "1");
        Fails("integer|gt:0", "0", "gt");
        Fails("integer|gt:0", "-1", "gt");
        Passes("gt:0", "a");
    }

    [Fact]
    public void SizeRule_WithoutANumber_FailsClosed()
    {
        Fails("max:abc", "a", "max");
        Fails("max", "a", "max");
        Fails("between:1", "a", "between");
        Fails("digits_between:a,b", "1", "digits_between");
    }

    [Fact]
    public void In_UsesPhpLooseEqualityForNumericStrings()
    {
        Passes("in:vanilla,paper", "paper");
        Fails("in:vanilla,paper", "Paper", "in");
        Passes("in:1,2,3", "01");
        Passes("in:1,2,3", "1.0");
        Passes("in:10", "1e1");
        Passes("in:1", " 1");
        Fails("in:1,2,3", "4", "in");
        Fails("in:abc", "ABC", "in");
        Fails("in:1", "1a", "in");
        Passes("in:\"a,b\",c", "a,b");
        Fails("in:\"a,b\",c", "a", "in");
        Assert.Equal("The selected X is invalid.", VariableRules.Check("in:a", "b", "X")[0].Detail);
    }

    [Fact]
    public void NotIn_UsesTheSameEquality()
    {
        Passes("not_in:a,b", "c");
        Fails("not_in:a,b", "a", "not_in");
        Fails("not_in:0", "00", "not_in");
        Fails("not_in:0", "0.0", "not_in");
        Passes("not_in:0", "0a");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("12")]
    [InlineData("-12")]
    [InlineData("+12")]
    [InlineData("1.5")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("1e5")]
    [InlineData("1E-5")]
    [InlineData("-1.5e+3")]
    [InlineData("  12")]
    [InlineData("12  ")]
    [InlineData("\t\n12")]
    [InlineData("007")]
    public void Numeric_IsPhpIsNumeric(string value) => Passes("numeric", value);

    [Theory]
    [InlineData("0x1A")]
    [InlineData("1_000")]
    [InlineData("1,5")]
    [InlineData("abc")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("1e")]
    [InlineData("e5")]
    [InlineData("1 2")]
    [InlineData("INF")]
    [InlineData("NaN")]
    [InlineData("١٢")]
    public void Numeric_RefusesWhatPhpRefuses(string value) => Fails("numeric", value, "numeric");

    [Theory]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("-7")]
    [InlineData("+7")]
    [InlineData(" 7 ")]
    [InlineData("\n7\t")]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    [InlineData("-0")]
    public void Integer_Accepts(string value) => Passes("integer", value);

    [Theory]
    [InlineData("07")]
    [InlineData("00")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("0x10")]
    [InlineData("1 000")]
    [InlineData("abc")]
    [InlineData("+")]
    [InlineData("٣")]
    public void Integer_Refuses(string value) => Fails("integer", value, "integer");

    [Fact]
    public void Boolean_AcceptsOnlyZeroAndOne()
    {
        Passes("boolean", "0");
        Passes("boolean", "1");
        Passes("bool", "1");
        Fails("boolean", "true", "boolean");
        Fails("boolean", "false", "boolean");
        Fails("boolean", "yes", "boolean");
        Fails("boolean", "01", "boolean");
        Fails("boolean", " 1", "boolean");
        Assert.Equal("The X field must be true or false.", VariableRules.Check("boolean", "2", "X")[0].Detail);
    }

    [Fact]
    public void Regex_DelimitersAndFlags()
    {
        Passes("regex:/^[a-z]+$/", "abc");
        Fails("regex:/^[a-z]+$/", "ABC", "regex");
        Passes("regex:/^[a-z]+$/i", "ABC");
        // Matches somewhere unless anchored.
        Passes("regex:/b/", "abc");
        Passes("regex:#^a/b$#", "a/b");
        Passes("regex:~^\\d+$~", "123");
        Passes("regex:{^a+$}", "aaa");
        Passes("regex:(^a+$)", "aaa");
        // m: ^ and $ at line breaks; s: . matches a line break; x: whitespace in the pattern ignored; u: accepted.
        Passes("regex:/^b$/m", "a\nb");
        Fails("regex:/^b$/", "a\nb", "regex");
        Passes("regex:/a.b/s", "a\nb");
        Fails("regex:/a.b/", "a\nb", "regex");
        Passes("regex:/^a b c$/x", "abc");
        Passes("regex:/^é+$/u", "éé");
        Passes("regex:/^(\\w{1,20})$/", "hello_world");
        Passes("regex:/^([\\w\\d._-]+)(\\.jar)$/", "server-1.20.jar");
        Fails("regex:/^([\\w\\d._-]+)(\\.jar)$/", "server.zip", "regex");
        Passes("regex:/^a:b$/", "a:b");
    }

    [Fact]
    public void Regex_BrokenPatternsUnknownFlagsAndMissingDelimitersFail()
    {
        Fails("regex:/(/", "x", "regex");
        Fails("regex:/a/Q", "a", "regex");
        Fails("regex:abc", "abc", "regex");
        Fails("regex:/abc", "abc", "regex");
        Fails("regex:", "abc", "regex");
    }

    [Fact]
    public void Regex_HostilePatternTimesOutAndFails()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        Fails("regex:/^(a+)+$/", new string('a', 40) + "!", "regex");
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
    }

    [Fact]
    public void AlphaDash_UnicodeLettersMarksDigitsDashUnderscore()
    {
        Passes("alpha_dash", "abc-DEF_123");
        Passes("alpha_dash", "héllo-wörld");
        Passes("alpha_dash", "e\u0301");
        Passes("alpha_dash", "日本語_١٢");
        Passes("alpha_dash", "𝒜b");
        Fails("alpha_dash", "a b", "alpha_dash");
        Fails("alpha_dash", "a.b", "alpha_dash");
        Fails("alpha_dash", "a/b", "alpha_dash");
        Fails("alpha_dash", "$(id)", "alpha_dash");
        Assert.Equal("The X field must only contain letters, numbers, dashes, and underscores.", VariableRules.Check("alpha_dash", "!", "X")[0].Detail);
    }

    [Fact]
    public void AlphaNum_UnicodeLettersMarksDigits()
    {
        Passes("alpha_num", "abc123");
        Passes("alpha_num", "ÄÖÜ");
        Fails("alpha_num", "a-b", "alpha_num");
        Fails("alpha_num", "a_b", "alpha_num");
        Fails("alpha_num", "a b", "alpha_num");
    }

    [Fact]
    public void DigitsBetween_AsciiDigitsAndLength()
    {
        Passes("digits_between:1,5", "1");
        Passes("digits_between:1,5", "64738");
        Passes("digits_between:1,5", "00001");
        Fails("digits_between:1,5", "123456", "digits_between");
        Fails("digits_between:2,5", "1", "digits_between");
        Fails("digits_between:1,5", "-1", "digits_between");
        Fails("digits_between:1,5", "1.5", "digits_between");
        Fails("digits_between:1,5", "١٢", "digits_between");
        Assert.Equal("The X field must be between 1 and 5 digits.", VariableRules.Check("digits_between:1,5", "a", "X")[0].Detail);
    }

    [Fact]
    public void Url_NeedsSchemeAndHost()
    {
        Passes("url", "https://example.com");
        Passes("url", "http://example.com:8080/path?q=1#frag");
        Passes("url", "ftp://files.example.org/a.zip");
        Passes("url", "http://127.0.0.1/");
        Fails("url", "example.com", "url");
        Fails("url", "http://", "url");
        Fails("url", "javascript:alert(1)", "url");
        Fails("url", "/relative/path", "url");
        Fails("url", "http://exa mple.com", "url");
        Fails("url", "mailto:a@b.c", "url");
    }

    [Fact]
    public void EndsWith_AnyParameter()
    {
        Passes("ends_with:.jar,.zip", "server.jar");
        Passes("ends_with:.jar,.zip", "a.zip");
        Fails("ends_with:.jar,.zip", "a.tar", "ends_with");
        Fails("ends_with:.jar", "a.JAR", "ends_with");
        Assert.Equal("The X field must end with one of the following: .jar, .zip.", VariableRules.Check("ends_with:.jar,.zip", "a", "X")[0].Detail);
    }

    [Fact]
    public void UnknownRule_RefusesEveryValue()
    {
        var failure = Assert.Single(VariableRules.Check("required|sometimes", "x", "X"));
        Assert.Equal("sometimes", failure.Rule);
        Assert.Contains("unsupported rule sometimes", failure.Detail, StringComparison.Ordinal);
        // Even a null value of a nullable variable (fail closed).
        Fails("nullable|confirmed", null, "confirmed");
        Assert.Equal(["sometimes", "uuid"], VariableRules.Unsupported("required|sometimes|string|uuid|uuid"));
        Assert.Empty(VariableRules.Unsupported("Required|AlphaDash|int|bool|regex:/a|b/"));
    }

    [Fact]
    public void ShellText_IsJustText()
    {
        Passes("required|string|max:20", "$(id)");
        Passes("required|string", "`id`; rm -rf /");
        Fails("required|alpha_num", "$(id)", "alpha_num");
    }

    [Fact]
    public void AllFailures_AreReported_InRuleOrder() =>
        Assert.Equal(["alpha_num", "max"], VariableRules.Check("string|alpha_num|max:3", "a-bcd", "X").Select(f => f.Rule));

    [Fact]
    public void ProtectedNames_AreNeverUserEditable()
    {
        foreach (var name in new[] { "PATH", "IFS", "BASH_ENV", "ENV", "LD_PRELOAD", "LD_LIBRARY_PATH", "ld_preload" })
        {
            Assert.False(VariableAccess.UserEditable(new EggVariable { Name = name, EnvVariable = name, UserViewable = true, UserEditable = true }), name);
        }
        Assert.True(VariableAccess.UserEditable(new EggVariable { Name = "x", EnvVariable = "SERVER_JARFILE", UserViewable = true, UserEditable = true }));
        Assert.True(VariableAccess.UserEditable(new EggVariable { Name = "x", EnvVariable = "PATHS", UserViewable = true, UserEditable = true }));
        Assert.False(VariableAccess.UserEditable(new EggVariable { Name = "x", EnvVariable = "A", UserViewable = false, UserEditable = true }));
        Assert.False(VariableAccess.UserEditable(new EggVariable { Name = "x", EnvVariable = "A", UserViewable = true, UserEditable = false }));
    }
}
