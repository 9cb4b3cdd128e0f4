using System.Text;
using Aerie.Panel.Api;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Tests.Api;

/// <summary>Body reading and Laravel typing (spec 04 §1.1): empty = {}, malformed = 400, lenient numbers and booleans, 422 per rule.</summary>
public sealed class ApiInputTests
{
    private static ApiInput Input(string json) => new(ApiBody.Parse(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n")]
    public void EmptyBody_IsEmptyObject(string body) => Assert.Empty(ApiBody.Parse(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("{\"a\":")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void Malformed_Is400WithParserMessage(string body)
    {
        var problem = Assert.Throws<PanelProblem>(() => ApiBody.Parse(Encoding.UTF8.GetBytes(body)));
        Assert.Equal(400, problem.Status);
        Assert.Equal("BadRequestHttpException", problem.Errors[0].Code);
        Assert.StartsWith("The JSON data passed in the request appears to be malformed: ", problem.Errors[0].Detail, StringComparison.Ordinal);
        Assert.True(problem.Errors[0].Detail.Length > "The JSON data passed in the request appears to be malformed: ".Length);
    }

    [Theory]
    [InlineData("512", 512L)]
    [InlineData("\"512\"", 512L)]
    [InlineData("\" -3 \"", -3L)]
    [InlineData("512.0", 512L)]
    public void Integer_AcceptsNumbersAndNumericStrings(string json, long expected)
    {
        var input = Input($"{{\"memory\":{json}}}");
        Assert.Equal(expected, input.Integer("memory"));
        Assert.True(input.IsValid);
    }

    [Theory]
    [InlineData("\"12a\"")]
    [InlineData("1.5")]
    [InlineData("true")]
    [InlineData("[1]")]
    [InlineData("{}")]
    public void Integer_RefusesOthers_RuleInteger(string json)
    {
        var input = Input($"{{\"memory\":{json}}}");
        Assert.Null(input.Integer("memory"));
        var error = Assert.Single(input.Errors);
        Assert.Equal("memory", error.Meta!.SourceField);
        Assert.Equal("integer", error.Meta.Rule);
        Assert.Equal("The memory field must be an integer.", error.Detail);
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("\"2.25\"", 2.25)]
    public void Numeric_AcceptsNumbersAndStrings(string json, double expected) => Assert.Equal(expected, Input($"{{\"cpu\":{json}}}").Numeric("cpu"));

    [Fact]
    public void Numeric_RefusesText_RuleNumeric()
    {
        var input = Input("{\"cpu\":\"lots\"}");
        Assert.Null(input.Numeric("cpu"));
        Assert.Equal("numeric", input.Errors[0].Meta!.Rule);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("\"1\"", true)]
    [InlineData("\"0\"", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"false\"", false)]
    public void Boolean_AcceptsLaravelForms(string json, bool expected)
    {
        var input = Input($"{{\"oom_disabled\":{json}}}");
        Assert.Equal(expected, input.Boolean("oom_disabled"));
        Assert.True(input.IsValid);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("\"yes\"")]
    [InlineData("[]")]
    public void Boolean_RefusesOthers_RuleBoolean(string json)
    {
        var input = Input($"{{\"oom_disabled\":{json}}}");
        Assert.Null(input.Boolean("oom_disabled"));
        Assert.Equal("boolean", input.Errors[0].Meta!.Rule);
        Assert.Equal("The oom disabled field must be true or false.", input.Errors[0].Detail);
    }

    [Fact]
    public void Validation_OneEntryPerFailedRule_UnknownFieldsIgnored()
    {
        var input = Input("{\"name\":\"   \",\"description\":\"" + new string('x', 12) + "\",\"extra\":{\"a\":1}}");
        input.String("name", required: true);
        input.String("description", max: 10);
        input.OneOf("signal", ["start", "stop"], required: true);
        var problem = Assert.Throws<PanelProblem>(input.ThrowIfInvalid);
        Assert.Equal(422, problem.Status);
        Assert.Equal(
            [("name", "required"), ("description", "max"), ("signal", "required")],
            problem.Errors.Select(e => (e.Meta!.SourceField, e.Meta.Rule)));
        Assert.All(problem.Errors, e => Assert.Equal("ValidationException", e.Code));
        Assert.Equal("The name field is required.", problem.Errors[0].Detail);
    }

    [Fact]
    public void OneOf_Invalid_RuleIn()
    {
        var input = Input("{\"signal\":\"explode\"}");
        Assert.Null(input.OneOf("signal", ["start", "stop"]));
        Assert.Equal(("signal", "in"), (input.Errors[0].Meta!.SourceField, input.Errors[0].Meta!.Rule));
    }

    [Fact]
    public void Strings_Trimmed_PasswordsKept()
    {
        var input = Input("{\"name\":\"  a  \",\"password\":\" secret \"}");
        Assert.Equal("a", input.String("name"));
        Assert.Equal(" secret ", input.String("password"));
    }

    [Fact]
    public void StringArray_ItemsCheckedByIndex()
    {
        var input = Input("{\"allowed_ips\":[\"1.2.3.4\",5]}");
        Assert.Equal(["1.2.3.4"], input.StringArray("allowed_ips"));
        Assert.Equal("allowed_ips.1", input.Errors[0].Meta!.SourceField);
    }

    [Fact]
    public async Task FormBody_ReadLikeJson()
    {
        var context = new DefaultHttpContext();
        var form = "name=srv&limits[memory]=512&allowed_ips[]=1.2.3.4&allowed_ips[]=5.6.7.8&flag=1";
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(form));
        var input = await ApiBody.ReadAsync(context.Request, CancellationToken.None);
        Assert.Equal("srv", input.String("name"));
        Assert.Equal(["1.2.3.4", "5.6.7.8"], input.StringArray("allowed_ips"));
        Assert.True(input.Boolean("flag"));
        Assert.Equal("512", input.Raw["limits"]!["memory"]!.GetValue<string>());
        Assert.True(input.IsValid);
    }

    [Fact]
    public async Task JsonBody_ReadWhateverContentType()
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("{\"signal\":\"start\"}"));
        var input = await ApiBody.ReadAsync(context.Request, CancellationToken.None);
        Assert.Equal("start", input.String("signal"));
    }
}
