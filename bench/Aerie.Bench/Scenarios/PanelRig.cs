using System.Net.WebSockets;
using Aerie.Bench.Children;
using Aerie.Bench.Infra;
using Aerie.Node;
using Aerie.Panel;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Data;
using Aerie.Panel.Nodes;
using Aerie.Panel.Servers;
using Aerie.Panel.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aerie.Bench.Scenarios;

/// <summary>
/// The real panel (SQLite file) and the real node (NodeHost) on loopback, wired as in production: a user with an
/// API key owns a server on the node, and the node runs the flooder as that server. The bench host adds two
/// ceiling routes to the panel — <c>/bench/ceiling</c> (trivial JSON) and <c>/bench/ws</c> (answers any message
/// with one console frame) — on the host only; the product has neither.
/// </summary>
internal sealed class PanelRig : IAsyncDisposable
{
    public const string CeilingPath = "/bench/ceiling";
    public const string CeilingSocketPath = "/bench/ws";
    private readonly string dataDir;

    private PanelRig(string dataDir, WebApplication panel, WebApplication node, string serverUuid, string apiKey, string secret)
    {
        this.dataDir = dataDir;
        Panel = panel;
        NodeApp = node;
        ServerUuid = serverUuid;
        ApiKey = apiKey;
        Secret = secret;
        PanelUri = new Uri(panel.Urls.First());
        NodeUri = new Uri(node.Urls.First());
    }

    public WebApplication Panel { get; }
    public WebApplication NodeApp { get; }
    public Uri PanelUri { get; }
    public Uri NodeUri { get; }
    public string ServerUuid { get; }
    public string ApiKey { get; }
    public string Secret { get; }
    public string CredentialsPath => $"/api/client/servers/{ServerUuid}/websocket";

    public static async Task<PanelRig> StartAsync()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "aerie-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var panelPort = FreePort.Next();
        var nodePort = FreePort.Next();
        var url = $"http://127.0.0.1:{panelPort}";
        var options = new PanelOptions
        {
            DataFolder = Path.Combine(dataDir, "panel"),
            PublicUrl = url,
            ListenUrl = url,
            // The per-(user, server) limit (20/min) exists to stop abuse; a load test is one user hammering one server.
            CredentialsPerMinute = int.MaxValue,
        };
        var panel = PanelHost.Build(options, s => s.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)));
        AddCeilings(panel);
        await panel.StartAsync();

        string serverUuid, apiKey, secret, tokenId;
        await using (var scope = panel.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var ct = CancellationToken.None;
            var user = await sp.GetRequiredService<UserService>().CreateAsync("bench", "bench@example.test", "bench password 123", false, ct);
            var nodes = sp.GetRequiredService<NodeService>();
            var node = await nodes.CreateAsync(await nodes.UrlDetailsAsync("bench-node", $"http://127.0.0.1:{nodePort}", $"http://127.0.0.1:{nodePort}", ct), ct);
            secret = sp.GetRequiredService<NodeSecrets>().TryUnprotect(node.TokenSecretProtected) ?? throw new InvalidOperationException("node secret");
            tokenId = node.TokenId;
            var flooder = BenchNodeConfig.FlooderServer("", 0);
            var server = await sp.GetRequiredService<ServerProvisioning>().CreateRawAsync(new ServerRequest(Name: "bench", OwnerUuid: user.Uuid, NodeId: node.Id,
                Invocation: flooder.Invocation, Environment: flooder.Environment, Done: flooder.Done, StopType: "command", StopValue: "stop"), ct);
            serverUuid = server.Uuid.ToString();
            var dbUser = await sp.GetRequiredService<PanelDb>().Users.FindAsync(user.Id) ?? throw new InvalidOperationException("user");
            (_, apiKey) = await sp.GetRequiredService<ApiKeyService>().CreateAsync(dbUser, "bench", null, null, ct);
        }

        // Wired as in production: the node knows the panel (remote + token id) and loads its servers from it.
        var config = BenchNodeConfig.Create(nodePort, Path.Combine(dataDir, "node"), servers: 0, maxSockets: 200, secret: secret);
        config.Remote = url;
        config.TokenId = tokenId;
        var nodeApp = NodeHost.Build(config, s => s.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)));
        await nodeApp.StartAsync();
        using (var api = new NodeApiClient(new Uri(nodeApp.Urls.First()), secret))
        {
            await api.WaitKnownAsync(serverUuid, TimeSpan.FromSeconds(30));
        }
        return new PanelRig(dataDir, panel, nodeApp, serverUuid, apiKey, secret);
    }

    public HttpClient Client(int connections)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = PanelUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
        return http;
    }

    private static void AddCeilings(WebApplication app)
    {
        app.UseWebSockets();
        app.MapGet(CeilingPath, () => Results.Text("{\"ok\":true}", "application/json"));
        var hub = new CeilingHub();
        app.Map(CeilingSocketPath, hub.AcceptAsync);
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await NodeApp.StopAsync(cts.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // best effort; the process exits anyway
        }
        await NodeApp.DisposeAsync();
        await Panel.StopAsync(cts.Token);
        await Panel.DisposeAsync();
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
            // a log file may still be closing; it is a temp folder
        }
    }
}
