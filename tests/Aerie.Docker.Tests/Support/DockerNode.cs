using Aerie.Contracts.Permissions;
using Aerie.Contracts.Socket;
using Aerie.Node.Configuration;
using Aerie.Node.Environments.Docker;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aerie.Docker.Tests.Support;

/// <summary>A real node daemon with <c>runtime: docker</c> on the test engine, one server from its <c>servers:</c>
/// list. Owns the data folder across daemon restarts (<see cref="RestartAsync"/> builds a new NodeHost on it);
/// on dispose stops the daemon, removes the server's container and deletes the folder.</summary>
internal sealed class DockerNode : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>Prints the done marker, then echoes stdin until <c>stop</c>.</summary>
    public const string EchoGame = "echo booting; echo 'Done (0.1s)!'; while read line; do echo \"got: $line\"; [ \"$line\" = stop ] && exit 0; done";

    private readonly string socket;
    private readonly Action<DockerConfig>? docker;

    private DockerNode(ServerEntry server, string socket, Action<DockerConfig>? docker, TestNode node)
    {
        Entry = server;
        this.socket = socket;
        this.docker = docker;
        Node = node;
    }

    public ServerEntry Entry { get; }
    public TestNode Node { get; private set; }
    public string DataRoot => Node.Config.System.Data;
    public string LogFile => Path.Combine(NodePaths.LogDirectory(Node.Config), Entry.Uuid + ".log");

    public static ServerEntry Server(string invocation, Action<ServerEntry>? tweak = null) => TestNode.NewServer(s =>
    {
        s.Invocation = invocation;
        s.Image = TestEngine.Image;
        s.Limits = new LimitsEntry { Memory = 64 };
        tweak?.Invoke(s);
    });

    /// <summary>Boots a daemon for <paramref name="server"/>; <paramref name="docker"/> changes its <c>docker.*</c> keys
    /// (kept across <see cref="RestartAsync"/>).</summary>
    public static async Task<DockerNode> StartAsync(ServerEntry server, string? socket = null, Action<DockerConfig>? docker = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "aerie-docker-node-tests", Guid.NewGuid().ToString("N"));
        socket ??= TestEngine.SocketPath;
        return new DockerNode(server, socket, docker, await BootAsync(server, socket, docker, data));
    }

    /// <summary>Stops this daemon (containers keep running), runs <paramref name="whileAway"/>, and boots a new one
    /// on the same data folder, talking to <paramref name="engineSocket"/> (default: the same engine).</summary>
    public async Task RestartAsync(Func<Task>? whileAway = null, string? engineSocket = null)
    {
        var data = DataRoot;
        await Node.DisposeAsync();
        if (whileAway is not null)
        {
            await whileAway();
        }
        Node = await BootAsync(Entry, engineSocket ?? socket, docker, data);
    }

    /// <summary>Waits (bounded) until the server's container has exited, asking the engine directly.</summary>
    public Task WaitForContainerExitAsync() =>
        Eventually.TrueAsync(async () => (await InspectAsync()).State is not { Running: true }, "the server's container to exit", Wait, TimeSpan.FromMilliseconds(200));

    /// <summary>The server's container as the engine reports it.</summary>
    public async Task<ContainerInspectResponse> InspectAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        using var engine = await DockerEngine.ConnectAsync(socket, null, timeout.Token);
        return await engine.Client.Containers.InspectContainerAsync(ContainerNames.For(Entry.Uuid), timeout.Token);
    }

    /// <summary>Connects with a token holding <paramref name="permissions"/> and waits for the first status.</summary>
    public Task<ConsoleClient> ConsoleAsync(string[]? permissions = null) => Node.ConsoleAsync(permissions);

    /// <summary>Starts the server through the socket and waits (engine-sized timeouts) for <c>running</c>.
    /// An admin token by default, so a failure shows the engine's reason in its `daemon error`.</summary>
    public async Task<ConsoleClient> RunningConsoleAsync(string[]? permissions = null)
    {
        var console = await ConsoleAsync(permissions ?? [.. Permission.AdminToken]);
        await console.SendAsync(SocketEvents.SetState, PowerActions.Start);
        var deadline = DateTime.UtcNow + Wait;
        while (await console.NextAsync(deadline - DateTime.UtcNow) is { } frame)
        {
            if (frame.Event == SocketEvents.DaemonError)
            {
                Assert.Fail("start failed: " + frame.Args![0]);
            }
            if (frame.Event == SocketEvents.Status && frame.Args is [ServerStates.Running])
            {
                return console;
            }
        }
        throw new InvalidOperationException("socket closed while starting; got: " + console.Describe());
    }

    public async ValueTask DisposeAsync()
    {
        var data = DataRoot;
        await Node.DisposeAsync();
        if (!socket.Contains("does-not-exist", StringComparison.Ordinal))
        {
            var factory = new DockerEnvironmentFactory(new DockerRuntimeOptions(socket, data), NullLoggerFactory.Instance);
            await using var cleaner = factory.Create(Entry.Uuid);
            using var timeout = new CancellationTokenSource(Wait);
            await cleaner.DestroyAsync(timeout.Token);
        }
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Files a container wrote as another user; the temp folder is throwaway.
        }
    }

    private static Task<TestNode> BootAsync(ServerEntry server, string socket, Action<DockerConfig>? docker, string data) => TestNode.StartAsync(c =>
    {
        c.Runtime = "docker";
        c.Docker.Socket = socket;
        docker?.Invoke(c.Docker);
        c.Servers = [server];
    }, data);
}
