namespace Aerie.Panel.Tests.Commands;

/// <summary>The <c>aerie</c> command tree (System.CommandLine): help everywhere, one-line refusals with exit code 2.</summary>
public sealed class CommandLineTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public async Task Help_EveryCommand_ExitsZeroAndPrintsUsage()
    {
        var names = AerieCli.Create(NoEnvironment).Subcommands.Select(c => c.Name).ToList();
        Assert.Superset(new HashSet<string>(["up", "panel", "node", "version", "user:create", "apikey:create", "node:create", "node:config", "server:create", "subuser:add"]), names.ToHashSet());
        foreach (var args in names.Select(n => new[] { n, "--help" }).Append(["--help"]).Append(["help", "node"]))
        {
            var (code, output, error) = await RunAsync(args);
            Assert.True(code == 0, $"{string.Join(' ', args)} exited {code}: {error}");
            Assert.Contains("Usage:", output, StringComparison.Ordinal);
            Assert.Empty(error);
        }
    }

    [Theory]
    [InlineData("node --cofig x.yml", "aerie node: ", "unknown option '--cofig'")]
    [InlineData("panel --bogus", "aerie panel: ", "unknown option '--bogus'")]
    [InlineData("up --bogus=1", "aerie up: ", "unknown option '--bogus'")]
    [InlineData("user:create --username a --email a@b.cd extra", "aerie user:create: ", "unexpected argument 'extra'")]
    [InlineData("frobnicate", "aerie: ", "unknown command 'frobnicate'")]
    [InlineData("node --config", "aerie node: ", "'--config'")]
    [InlineData("panel --token-ttl", "aerie panel: ", "'--token-ttl'")]
    [InlineData("apikey:create --user", "aerie apikey:create: ", "'--user'")]
    [InlineData("user:create --username a", "aerie user:create: ", "'--email'")]
    [InlineData("up --panel-port http", "aerie up: ", "--panel-port")]
    public async Task BadCommandLine_Exit2WithOneLineNamingIt(string args, string prefix, string named)
    {
        var (code, output, error) = await RunAsync(args.Split(' '));
        Assert.Equal(2, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(prefix, line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Node_MisspelledConfigOption_DoesNotRunTheDefaultConfig()
    {
        // The old parser ignored `--cofig` and started /etc/aerie/node.yml; now nothing is loaded at all.
        var (code, _, error) = await RunAsync(["node", "--cofig", "x.yml"]);
        Assert.Equal(2, code);
        Assert.DoesNotContain("/etc/aerie/node.yml", error, StringComparison.Ordinal);
    }

    internal static async Task<(int Code, string Out, string Err)> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null,
        Func<PanelOptions, TextWriter, TextWriter, Task<int>>? panelHost = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AerieCli.RunAsync(args, output, error, environment ?? NoEnvironment, panelHost);
        return (code, output.ToString(), error.ToString());
    }
}
