using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Aerie.Node;
using Aerie.Node.Configuration;
using Aerie.Node.Environments.LocalProcess;
using Aerie.Node.Servers;
using Aerie.Node.Tokens;
using Aerie.Panel.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PanelNode = Aerie.Panel.Data.PanelNode;

namespace Aerie.Testing;

/// <summary>
/// A real node daemon (<see cref="NodeHost"/>) on 127.0.0.1 with a data folder of its own, in one of two set-ups:
/// <list type="bullet">
/// <item><see cref="StartAsync(Action{NodeConfig}?, string?, TimeProvider?, Action{IServiceCollection}?)"/>: alone, with short timers
/// and the test game (<c>TestGame/game.sh</c> beside the test assembly) as its server;</item>
/// <item><see cref="Reserve"/> then <see cref="JoinPanelAsync"/>: as a panel's node, on the config the panel prints for it
/// (uuid, token_id, token, <c>remote</c> = the panel), learning its servers the real way.</item>
/// </list>
/// Every request it answers is recorded (<see cref="Calls"/>). <see cref="StopAsync"/> / <see cref="ResumeAsync"/> dispose the
/// host and build a new one on the same port and data folder: a node outage.
/// </summary>
internal sealed class TestNode : IAsyncDisposable
{
    /// <summary>The secret of a node started alone (bearer of the node API, key of console tokens).</summary>
    public const string DefaultSecret = "test-node-secret-0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly TimeSpan BootWait = TimeSpan.FromSeconds(15);
    private readonly ConcurrentQueue<NodeCall> calls = new();
    private readonly bool ownsData;
    private readonly TimeProvider? time;
    private readonly Action<IServiceCollection>? services;
    private NodeConfig? config;
    private WebApplication? app;
    private HttpClient? http;
    private bool joined;

    private TestNode(int port, bool ownsData, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        Port = port;
        this.ownsData = ownsData;
        this.time = time;
        this.services = services;
    }

    /// <summary>The port it listens on (0 until a node started alone has bound one).</summary>
    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}";

    public Uri BaseUri => new(Url + "/");

    /// <summary>The node secret (bearer of the node API, key of console tokens).</summary>
    public string Secret { get; private set; } = DefaultSecret;

    public TokenMinter Tokens => new(Secret);

    public NodeConfig Config => config ?? throw new InvalidOperationException("the node was never started");

    public WebApplication App => app ?? throw new InvalidOperationException("the node is not running");

    /// <summary>A client of the node API with the node secret as bearer.</summary>
    public HttpClient Http => http ??= NewHttp();

    /// <summary>The panel's record of this node, for a node joined to a panel.</summary>
    public PanelNode PanelNode { get; private set; } = null!;

    /// <summary>Every request a panel's node answered so far (see <see cref="NodeCallRecorder"/>).</summary>
    public IReadOnlyCollection<NodeCall> Calls => calls;

    public ServerManager Servers => App.Services.GetRequiredService<ServerManager>();

    /// <summary>The first server of a node started alone.</summary>
    public string ServerUuid => Config.Servers[0].Uuid;

    public GameServer Server => ServerOf(ServerUuid);

    public static string GameScript => Path.Combine(GameFolder, "game.sh");

    /// <summary>The test game's folder, which the sandbox lets games read (tests run what production runs: sandboxed).</summary>
    public static string GameFolder => Path.Combine(AppContext.BaseDirectory, "TestGame");

    /// <summary>A config with short timers; <paramref name="tweak"/> adjusts it before start.</summary>
    public static NodeConfig NewConfig(Action<NodeConfig>? tweak = null, string? dataDir = null)
    {
        var config = new NodeConfig
        {
            Uuid = Guid.NewGuid().ToString(),
            TokenId = "testtokenid00001",
            Token = DefaultSecret,
            // No panel in most tests: `remote` stays empty and the Origin rule gets its own list.
            Remote = "",
            AllowedOrigins = ["http://panel.test"],
            Api = new ApiConfig { Host = "127.0.0.1", Port = 0 },
            System = new SystemConfig
            {
                Data = dataDir ?? NewDataFolder(),
                WebsocketLogCount = 150,
                StatsInterval = 0.25,
                ActivityInterval = 0.2,
            },
            Power = new PowerConfig { StopTimeout = 5, CrashGuard = 60, ShutdownTimeout = 2 },
            Servers = [NewServer()],
        };
        config.System.ProcessRuntime.ReadOnlyPaths = GameReadable();
        InsideData(config);
        tweak?.Invoke(config);
        return config;
    }

    /// <summary>A server entry running the test game.</summary>
    public static ServerEntry NewServer(Action<ServerEntry>? tweak = null)
    {
        var entry = new ServerEntry
        {
            Uuid = Guid.NewGuid().ToString(),
            Name = "test game",
            Invocation = $"exec sh {GameScript}",
            Done = ["Done ("],
            Stop = new StopEntry { Type = "command", Value = "stop" },
        };
        tweak?.Invoke(entry);
        return entry;
    }

    /// <summary>Starts a node alone on <see cref="NewConfig"/>; <paramref name="time"/> replaces its clock.</summary>
    public static async Task<TestNode> StartAsync(Action<NodeConfig>? tweak = null, string? dataDir = null, TimeProvider? time = null,
        Action<IServiceCollection>? services = null)
    {
        var node = new TestNode(0, ownsData: dataDir is null, time, services) { config = NewConfig(tweak, dataDir) };
        try
        {
            await node.RunAsync(waitForBoot: false);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
        return node;
    }

    /// <summary>A free port and an empty data folder; nothing listens until <see cref="JoinPanelAsync"/>. <paramref name="time"/>
    /// replaces the node's clock (a node whose clock differs from the panel's).</summary>
    public static TestNode Reserve(TimeProvider? time = null) => new(FreePort.Next(), ownsData: true, time);

    /// <summary>Starts the daemon as the panel node <paramref name="node"/> of the panel at <paramref name="panelUrl"/>.</summary>
    public async Task JoinPanelAsync(string panelUrl, PanelNode node, string secret)
    {
        // The file the panel's `configure` prints; only where the test machine differs is overridden.
        PanelNode = node;
        Secret = secret;
        joined = true;
        var yaml = NodeConfigYaml.Render(node, secret, panelUrl);
        config = NodeConfigLoader.Parse(yaml, "panel-rendered config").Config;
        config.Api.Host = "127.0.0.1";
        config.Api.Port = Port;
        config.System.Data = NewDataFolder();
        InsideData(config);
        config.Power.ShutdownTimeout = 2;
        config.System.ProcessRuntime.ReadOnlyPaths = GameReadable();
        await RunAsync(waitForBoot: true);
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

    /// <summary>A new daemon on the same port and data folder (a panel's node boots from the panel's listing).</summary>
    public Task ResumeAsync() => RunAsync(waitForBoot: !string.IsNullOrEmpty(Config.Remote));

    /// <summary>True when the running node has the server.</summary>
    public bool Knows(Guid uuid) => Servers.TryGet(uuid.ToString(), out _);

    /// <summary>The node's server (for asserting on state the panel pushed, e.g. suspension).</summary>
    public GameServer ServerOf(Guid uuid) => ServerOf(uuid.ToString());

    public GameServer ServerOf(string uuid) =>
        Servers.TryGet(uuid, out var s) ? s : throw new InvalidOperationException($"the node has no server {uuid}");

    /// <summary>Waits (bounded) until the node has learned a server the panel created.</summary>
    public Task AddServerAsync(Guid uuid) => WaitUntilAsync(() => Knows(uuid), $"the node to learn server {uuid} from the panel");

    /// <summary>Makes the node lose a server the panel still has: learned first (so no creation is still in flight), then deleted through the node API.</summary>
    public async Task ForgetServerAsync(Guid uuid)
    {
        await AddServerAsync(uuid);
        using var response = await Http.DeleteAsync($"/api/servers/{uuid}");
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"deleting server {uuid} on the node answered {(int)response.StatusCode}, not 204");
        }
    }

    /// <summary>Whether the node now refuses a token of <paramref name="user"/> on <paramref name="server"/> issued at <paramref name="issuedAt"/> (unix s).</summary>
    public bool Refuses(Guid user, Guid server, long issuedAt) =>
        App.Services.GetRequiredService<RevocationStore>().IsRevoked(new ConsoleToken(server.ToString(), user.ToString(), null, [], issuedAt, issuedAt + 60));

    /// <summary>Waits (bounded) until a recorded call matches.</summary>
    public async Task<NodeCall> WaitForCallAsync(Func<NodeCall, bool> match, TimeSpan timeout)
    {
        NodeCall? found = null;
        await WaitUntilAsync(() => (found = calls.FirstOrDefault(match)) is not null, "a matching node call", timeout);
        return found!;
    }

    public Uri SocketUri(string? uuid = null, string? token = null)
    {
        var b = new UriBuilder(Url) { Scheme = "ws", Path = $"/api/servers/{uuid ?? ServerUuid}/ws" };
        if (token is not null)
        {
            b.Query = "token=" + Uri.EscapeDataString(token);
        }
        return b.Uri;
    }

    public string Token(string[]? permissions = null, string? userUuid = null) => Tokens.Mint(ServerUuid, permissions, userUuid);

    /// <summary>Connects and authenticates with a token holding <paramref name="permissions"/> (default <c>*</c>).</summary>
    public async Task<ConsoleClient> ConsoleAsync(string[]? permissions = null, string? userUuid = null)
    {
        var client = await ConsoleClient.ConnectAsync(SocketUri());
        try
        {
            await client.AuthenticateAsync(Token(permissions, userUuid));
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
        return client;
    }

    /// <summary>Starts the server through a socket and waits for it to be running.</summary>
    public async Task<ConsoleClient> RunningConsoleAsync(string[]? permissions = null)
    {
        var client = await ConsoleAsync(permissions);
        await client.SendAsync("set state", "start");
        await client.WaitForStatusAsync("running");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        http?.Dispose();
        if (ownsData && config is not null)
        {
            try
            {
                Directory.Delete(config.System.Data, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // nothing was written
            }
            catch (IOException)
            {
                // a log writer may still be closing; the temp folder is disposable anyway
            }
        }
    }

    /// <summary>The user a server's sandboxed game runs as (default: the first server).</summary>
    public SandboxUser GameUser(string? uuid = null) =>
        SandboxUsers.For(uuid ?? ServerUuid, Config.System.ProcessRuntime.UidBase, Config.System.ProcessRuntime.UidCount);

    /// <summary>The host PID of a process a sandboxed game reports as <paramref name="gamePid"/> (its own PID
    /// namespace's number), found by the game's user and the last entry of <c>NSpid</c>; 0 when there is none.</summary>
    public int HostPid(int gamePid, string? uuid = null)
    {
        var uid = GameUser(uuid).Uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var status = File.ReadAllLines(Path.Combine(dir, "status"));
                var ids = status.FirstOrDefault(l => l.StartsWith("NSpid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries);
                var owner = status.FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries);
                if (ids is { Length: > 2 } && ids[^1] == gamePid.ToString(System.Globalization.CultureInfo.InvariantCulture) && owner is { Length: > 1 } && owner[1] == uid)
                {
                    return int.Parse(ids[1], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // not a process, or gone
            }
        }
        return 0;
    }

    /// <summary>Only test projects that ship the game have its folder.</summary>
    /// <summary>Install scripts and logs under the node's own data folder (removed with it), not the host's /tmp and /var/log.</summary>
    private static void InsideData(NodeConfig config)
    {
        config.System.TmpDirectory = Path.Combine(config.System.Data, ".aerie-install-tmp");
        config.System.LogDirectory = Path.Combine(config.System.Data, ".aerie", "log");
        config.System.BackupDirectory = Path.Combine(config.System.Data, ".aerie-backups");
    }

    private static List<string> GameReadable() => Directory.Exists(GameFolder) ? [GameFolder] : [];

    private static string NewDataFolder() => Path.Combine(Path.GetTempPath(), "aerie-test-nodes", Guid.NewGuid().ToString("N"));

    private HttpClient NewHttp()
    {
        var client = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        return client;
    }

    private async Task RunAsync(bool waitForBoot)
    {
        var current = Config;
        app = NodeHost.Build(current, s =>
        {
            s.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            if (joined)
            {
                // Only a panel's node: the panel tests assert on what the panel sent; a node alone keeps its pipeline bare.
                s.AddSingleton<IStartupFilter>(new NodeCallRecorder(calls));
            }
            if (time is not null)
            {
                s.AddSingleton(time);
            }
            services?.Invoke(s);
        });
        await app.StartAsync();
        // Port 0 binds a new port each start; keep the first so a resumed node is found where it was.
        Port = new Uri(app.Urls.First()).Port;
        current.Api.Port = Port;
        if (waitForBoot)
        {
            // Servers the test creates from here on reach the node by POST /api/servers only, never by a boot listing still in flight.
            await app.Services.GetRequiredService<ServerManager>().Booted.WaitAsync(BootWait);
        }
    }

    private Task<bool> WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(() => Task.FromResult(condition()), done => done, what, timeout ?? BootWait,
            describe: _ => "the node's last calls: " + string.Join(", ", calls.TakeLast(20).Select(c => $"{c.Method} {c.Path} → {c.Status}")));
}
