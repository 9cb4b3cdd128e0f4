using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Data;
using Aerie.Panel.Nodes;
using Aerie.Panel.Servers;
using Aerie.Panel.Subusers;
using Aerie.Panel.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Infrastructure;

/// <summary>
/// One panel + one test node per test class, on a database of its own. Tests share the host but each
/// creates its own users, servers and keys (unique names), so none depends on another's data.
/// </summary>
public abstract class PanelFixture : IAsyncLifetime
{
    private TestDatabase? database;
    private TestPanel? panel;
    private TestNode? node;

    protected abstract bool Postgres { get; }

    internal TestDatabase Database => database ?? throw new InvalidOperationException("fixture not started");

    internal TestPanel Panel => panel ?? throw new InvalidOperationException("fixture not started");

    internal TestNode Node => node ?? throw new InvalidOperationException("fixture not started");

    internal PanelNode PanelNode { get; private set; } = null!;

    /// <summary>The panel's <see cref="PanelOptions.AutoAllocationPorts"/>.</summary>
    internal static Aerie.Panel.Allocations.PortRange AutoAllocationPorts { get; } = new(30000, 30999);

    internal string NodeSecret { get; private set; } = "";

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(Postgres);
        // Auto-allocation on (it is off by default) so the client network routes can add allocations.
        panel = await TestPanel.StartAsync(database.Options() with { AutoAllocationPorts = AutoAllocationPorts });
        node = await StartNodeAsync(reachable: false);
        (PanelNode, NodeSecret) = (node.PanelNode, node.Secret);
    }

    public async Task DisposeAsync()
    {
        if (node is not null)
        {
            await node.DisposeAsync();
        }
        if (panel is not null)
        {
            await panel.DisposeAsync();
        }
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>A fresh database of the same kind, for tests that need a panel of their own.</summary>
    internal Task<TestDatabase> NewDatabaseAsync() => TestDatabase.CreateAsync(Postgres);

    internal static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    internal async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Panel.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>The server's activity rows once there are at least <paramref name="count"/> (the audit is written in the background); fails after 10 s.</summary>
    internal Task<List<ActivityRecord>> WaitForActivityAsync(Guid serverUuid, int count) =>
        Eventually.ValueAsync(
            () => WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Activity.AsNoTracking().Where(a => a.ServerUuid == serverUuid).ToListAsync()),
            rows => rows.Count >= count, $"{count} activity row(s) of server {serverUuid}", TimeSpan.FromSeconds(10),
            describe: rows => $"{rows.Count} row(s): {string.Join(", ", rows.Select(r => r.Event))}");

    internal async Task<(PanelUser User, string Password)> CreateUserAsync(bool admin = false)
    {
        var name = Unique("u");
        const string password = "correct horse battery";
        var user = await WithScopeAsync(sp => sp.GetRequiredService<UserService>().CreateAsync(name, name + "@example.test", password, admin, CancellationToken.None));
        return (user, password);
    }

    /// <summary>
    /// A real node daemon registered as a new panel node. Its public address is the fictional
    /// <c>https://node.example.com:8080</c> the contract tests pin, or with <paramref name="reachable"/> its
    /// real <c>http://127.0.0.1:port</c>, so a client can open the socket URL the panel hands out.
    /// </summary>
    internal async Task<TestNode> StartNodeAsync(bool reachable, TimeProvider? nodeTime = null)
    {
        var node = TestNode.Reserve(nodeTime);
        try
        {
            var (panelNode, secret) = reachable
                ? await CreateNodeAsync(node.Url, "http", "127.0.0.1", node.Port)
                : await CreateNodeAsync(node.Url);
            await node.JoinPanelAsync(Panel.Url, panelNode, secret);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    internal Task<(PanelNode Node, string Secret)> CreateNodeAsync(string internalUrl, string publicScheme = "https", string publicHost = "node.example.com", int publicPort = 8080) =>
        WithScopeAsync(async sp =>
        {
            var nodes = sp.GetRequiredService<NodeService>();
            var details = await nodes.UrlDetailsAsync(Unique("node"), internalUrl, $"{publicScheme}://{publicHost}:{publicPort}", CancellationToken.None);
            var n = await nodes.CreateAsync(details, CancellationToken.None);
            return (n, sp.GetRequiredService<NodeSecrets>().TryUnprotect(n.TokenSecretProtected)!);
        });

    /// <summary>
    /// A server on the shared test node or on <paramref name="nodeId"/>. On the shared node it returns once the
    /// node has learned the server from the panel, or (<paramref name="onNode"/> false) once the node has lost it again.
    /// Its stop command is <c>stop</c> and its done marker <c>Done</c>; the default <paramref name="invocation"/> never runs.
    /// </summary>
    internal async Task<GameServer> CreateServerAsync(PanelUser owner, int? nodeId = null, bool onNode = true, string invocation = "./run.sh {{PORT}}")
    {
        var server = await WithScopeAsync(sp => sp.GetRequiredService<ServerProvisioning>().CreateRawAsync(
            new ServerRequest(Name: Unique("srv"), OwnerUuid: owner.Uuid, NodeId: nodeId ?? PanelNode.Id, Invocation: invocation,
                Environment: new() { ["PORT"] = "25565" }, Done: ["Done"], StopType: "command", StopValue: "stop"),
            CancellationToken.None));
        if (nodeId is null)
        {
            await (onNode ? Node.AddServerAsync(server.Uuid) : Node.ForgetServerAsync(server.Uuid));
        }
        return server;
    }

    internal Task AddSubuserAsync(GameServer server, PanelUser user, params string[] permissions) =>
        WithScopeAsync(async sp =>
        {
            var s = await sp.GetRequiredService<ServerService>().FindAsync(server.Uuid, CancellationToken.None);
            return await sp.GetRequiredService<SubuserService>().AddAsync(s, user.Email, permissions, null, CancellationToken.None);
        });

    internal Task<string> CreateApiKeyAsync(PanelUser user, DateTimeOffset? expiresAt = null, IReadOnlyList<string>? allowedIps = null) =>
        WithScopeAsync(async sp =>
        {
            var u = await sp.GetRequiredService<PanelDb>().Users.FindAsync(user.Id);
            var (_, token) = await sp.GetRequiredService<ApiKeyService>().CreateAsync(u!, "test", expiresAt, allowedIps, CancellationToken.None);
            return token;
        });

    internal HttpClient ApiKeyClient(string token)
    {
        var client = Panel.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Logs in through <c>/auth/login</c>; the client keeps the cookies and sends the CSRF header.</summary>
    internal async Task<HttpClient> LoginAsync(PanelUser user, string password)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true }) { BaseAddress = new Uri(Panel.Url), Timeout = TimeSpan.FromSeconds(30) };
        var response = await client.PostAsJsonAsync("/auth/login", new { login = user.Username, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csrf = cookies.GetCookies(new Uri(Panel.Url))["aerie_csrf"]?.Value;
        Assert.False(string.IsNullOrEmpty(csrf));
        client.DefaultRequestHeaders.Add("X-CSRF-Token", csrf);
        return client;
    }
}
