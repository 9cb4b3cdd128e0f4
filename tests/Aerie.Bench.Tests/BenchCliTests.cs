using Aerie.Bench;

namespace Aerie.Bench.Tests;

/// <summary>The harness's command line: help for every command, one-line refusals with exit code 2.</summary>
public sealed class BenchCliTests
{
    [Fact]
    public async Task Help_EveryCommand_ExitsZero()
    {
        var names = BenchCli.Create().Subcommands.Select(c => c.Name).ToList();
        Assert.Contains("ceiling-host", names);
        foreach (var name in names.Prepend(""))
        {
            var (code, output, _) = await RunAsync(name.Length > 0 ? [name, "--help"] : ["--help"]);
            Assert.True(code == 0, $"{name} --help exited {code}");
            Assert.Contains("Usage:", output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("fanout --smok", "'--smok'")]
    [InlineData("fanout --rate", "'--rate'")]
    [InlineData("ceiling-host", "'--port'")]
    [InlineData("fanout --rate fast", "'fast'")]
    public async Task BadInput_Exit2WithOneLineNamingIt(string args, string named)
    {
        var (code, _, error) = await RunAsync(args.Split(' '));
        Assert.Equal(2, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, line, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BenchCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
