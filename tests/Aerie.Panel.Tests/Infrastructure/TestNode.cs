using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Aerie.Node;
using Aerie.Node.Configuration;
using Aerie.Node.Servers;
using Aerie.Node.Tokens;
using Aerie.Panel.Data;
using Aerie.Panel.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodeServer = Aerie.Node.Servers.GameServer;

namespace Aerie.Panel.Tests.Infrastructure;

/// <summary>
/// The real node daemon (Aerie.Node's <see cref="NodeHost"/>) the panel tests talk to, on 127.0.0.1 with a
/// data folder of its own. Its config is the one the panel prints for the node (uuid, token_id, token),
/// with <c>remote</c> = the panel's URL, so it learns servers the real way: the panel's
/// <c>POST /api/servers</c>, then its own fetch from the panel's remote API (and the boot listing).
/// Stop/Resume dispose the host and build a new one on the same port and data folder: a node outage.
/// </summary>
internal sealed class TestNode : IAsyncDisposable
{
    private static readonly TimeSpan LearnWait = TimeSpan.FromSeconds(15);
    private readonly ConcurrentQueue<NodeCall> calls = new();
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "aerie-panel-tests", "node-" + Guid.NewGuid().ToString("N"));
    private NodeConfig? config;
    private WebApplication? app;

    private TestNode(int port)
    {
        Port = port;
    }

    public int Port { get; }

    /// <summary>The panel's record of this node, once started.</summary>
    public PanelNode PanelNode { get; private set; } = null!;

    /// <summary>The node secret (bearer of the node API, key of console tokens).</summary>
    public string Secret { get; private set; } = "";

    /// <summary>The node's address, for the panel node's internal URL (and public address in end-to-end tests).</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Every request the node answered so far (see <see cref="NodeCallRecorder"/>).</summary>
    public IReadOnlyCollection<NodeCall> Calls => calls;

    private IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("the node is not running");

    /// <summary>A free port and an empty data folder; nothing listens until <see cref="StartAsync"/>.</summary>
    public static TestNode Reserve() => new(FreePort.Next());

    /// <summary>Starts the daemon as the panel node <paramref name="node"/> of the panel at <paramref name="panelUrl"/>.</summary>
    public async Task StartAsync(string panelUrl, PanelNode node, string secret)
    {
        // The file the panel's `configure` prints; only where the test machine differs is overridden.
        PanelNode = node;
        Secret = secret;
        var yaml = NodeConfigYaml.Render(node, secret, panelUrl);
        config = NodeConfigLoader.Parse(yaml, "panel-rendered config").Config;
        config.Api.Host = "127.0.0.1";
        config.System.Data = dataFolder;
        config.Power.ShutdownTimeout = 2;
        await RunAsync();
    }

    public async Task StopAsync()
    {
        if (app is null)
        {
            return;
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await app.StopAsync(cts.Token);
        await app.DisposeAsync();
        app = null;
    }

    /// <summary>A new daemon on the same port and data folder (it boots from the panel's listing).</summary>
    public Task ResumeAsync() => RunAsync();

    /// <summary>True when the running node has the server.</summary>
    public bool Knows(Guid uuid) => Services.GetRequiredService<ServerManager>().TryGet(uuid.ToString(), out _);

    /// <summary>The node's server (for asserting on state the panel pushed, e.g. suspension).</summary>
    public NodeServer Server(Guid uuid) =>
        Services.GetRequiredService<ServerManager>().TryGet(uuid.ToString(), out var s) ? s : throw new InvalidOperationException($"the node has no server {uuid}");

    /// <summary>Waits (bounded) until the node has learned a server the panel created.</summary>
    public Task AddServerAsync(Guid uuid) => WaitUntilAsync(() => Knows(uuid), $"the node to learn server {uuid} from the panel");

    /// <summary>Makes the node lose a server the panel still has: learned first (so no creation is still in flight), then deleted through the node API.</summary>
    public async Task ForgetServerAsync(Guid uuid)
    {
        await AddServerAsync(uuid);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/api/servers/{uuid}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Whether the node now refuses a token of <paramref name="user"/> on <paramref name="server"/> issued at <paramref name="issuedAt"/> (unix s).</summary>
    public bool Refuses(Guid user, Guid server, long issuedAt) =>
        Services.GetRequiredService<RevocationStore>().IsRevoked(new ConsoleToken(server.ToString(), user.ToString(), null, [], issuedAt, issuedAt + 60));

    /// <summary>Waits (bounded) until a recorded call matches.</summary>
    public async Task<NodeCall> WaitForCallAsync(Func<NodeCall, bool> match, TimeSpan timeout)
    {
        NodeCall? found = null;
        await WaitUntilAsync(() => (found = calls.FirstOrDefault(match)) is not null, "a matching node call", timeout);
        return found!;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // never started
        }
        catch (IOException)
        {
            // a log writer still closing; the temp folder is disposable anyway
        }
    }

    private async Task RunAsync()
    {
        var current = config ?? throw new InvalidOperationException("StartAsync first");
        app = NodeHost.Build(current, s =>
        {
            s.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            s.AddSingleton<IStartupFilter>(new NodeCallRecorder(calls));
        });
        await app.StartAsync();
        // Servers the test creates from here on reach the node by POST /api/servers only, never by a boot listing still in flight.
        await app.Services.GetRequiredService<ServerManager>().Booted.WaitAsync(LearnWait);
    }

    private async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? LearnWait);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}; the node's last calls: {string.Join(", ", calls.TakeLast(20).Select(c => $"{c.Method} {c.Path} → {c.Status}"))}");
            }
            await Task.Delay(20);
        }
    }
}
