using System.Net.Http.Headers;
using Aerie.Node.Configuration;
using Aerie.Node.Servers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Tests.Support;

/// <summary>A real node daemon on 127.0.0.1:0 with its own data folder and the test game as its server(s).</summary>
internal sealed class TestNode : IAsyncDisposable
{
    public const string Secret = "test-node-secret-0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly bool ownsData;

    private TestNode(NodeConfig config, WebApplication app, bool ownsData)
    {
        Config = config;
        App = app;
        this.ownsData = ownsData;
        BaseUri = new Uri(app.Urls.First());
        Http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(20) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        Tokens = new TokenMinter(Secret);
    }

    public NodeConfig Config { get; }
    public WebApplication App { get; }
    public Uri BaseUri { get; }
    public HttpClient Http { get; }
    public TokenMinter Tokens { get; }
    public string ServerUuid => Config.Servers[0].Uuid;
    public ServerManager Servers => App.Services.GetRequiredService<ServerManager>();
    public GameServer Server => Servers.TryGet(ServerUuid, out var s) ? s : throw new InvalidOperationException("no server");

    public static string GameScript => Path.Combine(AppContext.BaseDirectory, "TestGame", "game.sh");

    /// <summary>A config with short timers; <paramref name="tweak"/> adjusts it before start.</summary>
    public static NodeConfig NewConfig(Action<NodeConfig>? tweak = null, string? dataDir = null)
    {
        var config = new NodeConfig
        {
            Uuid = Guid.NewGuid().ToString(),
            TokenId = "testtokenid00001",
            Token = Secret,
            Remote = "http://panel.test",
            Api = new ApiConfig { Host = "127.0.0.1", Port = 0 },
            System = new SystemConfig
            {
                Data = dataDir ?? Path.Combine(Path.GetTempPath(), "aerie-node-tests", Guid.NewGuid().ToString("N")),
                WebsocketLogCount = 150,
                StatsInterval = 0.25,
                ActivityInterval = 0.2,
            },
            Power = new PowerConfig { StopTimeout = 5, CrashGuard = 60, ShutdownTimeout = 2 },
            Servers = [NewServer()],
        };
        // No panel in most tests: `remote` only feeds the Origin rule here.
        config.Remote = "";
        config.AllowedOrigins = ["http://panel.test"];
        tweak?.Invoke(config);
        return config;
    }

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

    public static async Task<TestNode> StartAsync(Action<NodeConfig>? tweak = null, string? dataDir = null, TimeProvider? time = null,
        Action<IServiceCollection>? services = null)
    {
        var config = NewConfig(tweak, dataDir);
        var app = NodeHost.Build(config, s =>
        {
            s.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            if (time is not null)
            {
                s.AddSingleton(time);
            }
            services?.Invoke(s);
        });
        await app.StartAsync();
        return new TestNode(config, app, dataDir is null);
    }

    public Uri SocketUri(string? uuid = null, string? token = null)
    {
        var b = new UriBuilder(BaseUri) { Scheme = "ws", Path = $"/api/servers/{uuid ?? ServerUuid}/ws" };
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
        await client.AuthenticateAsync(Token(permissions, userUuid));
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
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await App.StopAsync(cts.Token);
        await App.DisposeAsync();
        Http.Dispose();
        if (ownsData)
        {
            try
            {
                Directory.Delete(Config.System.Data, recursive: true);
            }
            catch (IOException)
            {
                // a log writer may still be closing; the temp folder is disposable anyway
            }
        }
    }
}
