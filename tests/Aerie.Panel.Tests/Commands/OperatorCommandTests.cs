using Aerie.Panel.ApiKeys;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Commands;

/// <summary>The operator commands over a real database, end to end; bad input exits 2 with one line.</summary>
public abstract class OperatorCommandTests(bool postgres) : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(postgres);

    public async Task DisposeAsync() => await database.DisposeAsync();

    private string[] Db(params string[] args) =>
        database.ConnectionString is { } pg ? [.. args, "--data", database.DataFolder, "--database", pg] : [.. args, "--data", database.DataFolder];

    /// <summary>Through the real command tree, with an empty environment so the machine's variables do not leak in.</summary>
    private static async Task<(int Code, string Out, string Err)> RunAsync(string command, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AerieCli.RunAsync([command, .. args], output, error, new Dictionary<string, string>());
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Commands_FullSetup_CreatesEverythingAndPrintsConfig()
    {
        var user = await RunAsync("user:create", Db("--username", "alice", "--email", "alice@example.test", "--admin"));
        Assert.Equal(0, user.Code);
        Assert.Matches("password: [A-Za-z0-9]{20}", user.Out);
        Assert.Equal(0, (await RunAsync("user:create", Db("--username", "bob", "--email", "bob@example.test", "--password", "bobs long password"))).Code);
        var key = await RunAsync("apikey:create", Db("--user", "alice"));
        Assert.Matches("^ptlc_[A-Za-z0-9]{43}\n$", key.Out);
        var node = await RunAsync("node:create", Db("--name", "n1", "--internal-url", "http://10.0.0.5:8080", "--public-url", "https://node.example.com"));
        Assert.Equal(0, node.Code);
        var config = await RunAsync("node:config", Db("--node", "n1", "--public-url", "https://panel.example.com"));
        Assert.Equal(0, config.Code);
        Assert.Matches("(?m)^token_id: [A-Za-z0-9]{16}$", config.Out);
        Assert.Matches("(?m)^token: [A-Za-z0-9]{64}$", config.Out);
        Assert.Contains("remote: https://panel.example.com\n", config.Out, StringComparison.Ordinal);
        var server = await RunAsync("server:create", Db("--name", "mc", "--owner", "alice@example.test", "--node", "n1", "--invocation", "java -jar server.jar", "--env", "XMX=1G", "--env", "PORT=25565", "--done", "Done (", "--stop-command", "stop"));
        Assert.Equal(0, server.Code);
        var identifier = System.Text.RegularExpressions.Regex.Match(server.Out, "identifier=([0-9a-f]{8})").Groups[1].Value;
        var sub = await RunAsync("subuser:add", Db("--server", identifier, "--user", "bob@example.test", "--permissions", "control.console,control.start"));
        Assert.Equal(0, sub.Code);
        Assert.Contains("websocket.connect", sub.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeyCreate_Application_StoresTypeAndMasks_AdminsOnly()
    {
        Assert.Equal(0, (await RunAsync("user:create", Db("--username", "root", "--email", "root@example.test", "--admin"))).Code);
        Assert.Equal(0, (await RunAsync("user:create", Db("--username", "carol", "--email", "carol@example.test"))).Code);
        var key = await RunAsync("apikey:create", Db("--user", "root", "--application", "--r-servers", "3", "--r-users", "1"));
        Assert.Equal(0, key.Code);
        Assert.Matches("^ptla_[A-Za-z0-9]{43}\n$", key.Out);
        var refused = await RunAsync("apikey:create", Db("--user", "carol", "--application", "--r-servers", "3"));
        Assert.Equal(2, refused.Code);
        Assert.StartsWith("aerie apikey:create: ", refused.Err, StringComparison.Ordinal);

        await using var panel = await TestPanel.StartAsync(database.Options());
        await using (var scope = panel.Services.CreateAsyncScope())
        {
            var identifier = key.Out[..16];
            var row = await scope.ServiceProvider.GetRequiredService<PanelDb>().ApiKeys.AsNoTracking().SingleAsync(k => k.Identifier == identifier);
            Assert.Equal(ApiKeyType.Application, row.KeyType);
            Assert.Equal((3, 1, 0, 0), (row.RServers, row.RUsers, row.RNodes, row.REggs));
        }
        // What it opens is decided by the stored type: the Client API refuses it.
        using var client = panel.Client();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Out.Trim());
        await ApiErrorAssert.AssertAsync(await client.GetAsync("/api/client"), 403,
            "You are attempting to use an application API key on an endpoint that requires a client API key.", "AccessDeniedHttpException");
    }

    [Fact]
    public async Task NodeConfig_HttpsNode_PrintsTheGivenCertificatePaths()
    {
        Assert.Equal(0, (await RunAsync("node:create", Db("--name", "tls", "--internal-url", "https://10.0.0.6:8443", "--public-url", "https://tls.example.com"))).Code);
        var config = await RunAsync("node:config", Db("--node", "tls", "--ssl-cert", "/etc/aerie/tls/node.pem", "--ssl-key", "/etc/aerie/tls/node.key"));
        Assert.Equal(0, config.Code);
        // Loading it would check the files exist (they do not here); the printed keys are what the operator gets.
        Assert.Matches(@"(?m)^    enabled: true\n    cert: /etc/aerie/tls/node.pem\n    key: /etc/aerie/tls/node.key$", config.Out);
    }

    [Theory]
    [InlineData("user:create", "--username", "x")]
    [InlineData("user:create", "--username", "x", "--email", "not-an-email")]
    [InlineData("user:create", "--bogus", "1")]
    [InlineData("node:config", "--node", "missing")]
    [InlineData("server:create", "--name", "x", "--owner", "nobody", "--node", "1", "--invocation", "run")]
    [InlineData("subuser:add", "--server", "abcdef12", "--user", "a@b.cd", "--permissions", "bogus")]
    [InlineData("apikey:create", "--user")]
    [InlineData("apikey:create", "--user", "x", "--application", "--r-servers", "4")]
    [InlineData("apikey:create", "--user", "x", "--r-servers", "1")]
    public async Task Commands_BadInput_Exit2WithOneLine(params string[] args)
    {
        var (code, _, err) = await RunAsync(args[0], Db(args[1..]));
        Assert.Equal(2, code);
        Assert.StartsWith($"aerie {args[0]}: ", err, StringComparison.Ordinal);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }
}

public sealed class OperatorCommandSqliteTests() : OperatorCommandTests(postgres: false);

public sealed class OperatorCommandPostgresTests() : OperatorCommandTests(postgres: true);
