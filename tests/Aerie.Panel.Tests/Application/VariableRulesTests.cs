using Aerie.Panel.Eggs;

namespace Aerie.Panel.Tests.Application;

public sealed class VariableRulesTests
{
    [Theory]
    [InlineData("required|string|max:20", "", "required")]
    [InlineData("required|string|max:5", "toolong", "max")]
    [InlineData("required|integer", "12a", "integer")]
    [InlineData("required|numeric|min:10", "9.5", "min")]
    [InlineData("nullable|integer|max:100", "101", "max")]
    [InlineData("required|boolean", "yes", "boolean")]
    [InlineData("required|in:vanilla,paper", "forge", "in")]
    [InlineData("required|regex:/^([0-9_\\.-]*|latest)$/", "abc", "regex")]
    public void Check_BadValue_NamesTheRule(string rules, string value, string rule)
    {
        var failures = VariableRules.Check(rules, value, "environment.X");
        Assert.Equal(rule, Assert.Single(failures).Rule);
        Assert.Contains("environment.X", failures[0].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("required|string|max:20", "paper")]
    [InlineData("nullable|integer", "")]
    [InlineData("string", "")]
    [InlineData("required|numeric|min:10|max:20", "15")]
    [InlineData("required|boolean", "1")]
    [InlineData("required|in:vanilla,paper", "paper")]
    [InlineData("required|regex:/^([0-9_\\.-]*|latest)$/", "latest")]
    [InlineData("required|regex:/^[A-Z]+$/i", "abc")]
    [InlineData("required|unknown_rule:1", "x")]
    public void Check_GoodValue_Passes(string rules, string value) => Assert.Empty(VariableRules.Check(rules, value, "X"));

    [Fact]
    public void Split_KeepsPipesInsideARegex() =>
        Assert.Equal(["required", "regex:/^(a|b)$/", "max:3"], VariableRules.Split("required|regex:/^(a|b)$/|max:3"));
}
