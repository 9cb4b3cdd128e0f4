using Aerie.Node.Environments;
using Aerie.Node.Environments.Docker;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aerie.Docker.Tests.Support;

/// <summary>One test's server: its own uuid, data folder and factory; removes its container and folder on dispose.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly List<IServerEnvironment> environments = [];

    public TestServer(string? socketPath = null, bool? followLogs = null, ContainerDefaults? container = null)
    {
        Uuid = Guid.NewGuid().ToString();
        DataRoot = Path.Combine(Path.GetTempPath(), "aerie-docker-tests", Uuid);
        Directory.CreateDirectory(DataRoot);
        Options = new DockerRuntimeOptions(socketPath ?? TestEngine.SocketPath, DataRoot, container, FollowLogs: followLogs);
        Factory = new DockerEnvironmentFactory(Options, NullLoggerFactory.Instance);
    }

    public string Uuid { get; }
    public string DataRoot { get; }
    public DockerRuntimeOptions Options { get; }
    public DockerEnvironmentFactory Factory { get; }
    public OutputCollector Output { get; } = new();

    /// <summary>A new environment for this server (as a restarted daemon would make), watched by <see cref="Output"/>.</summary>
    public IServerEnvironment NewEnvironment()
    {
        var environment = Factory.Create(Uuid);
        Output.Watch(environment);
        environments.Add(environment);
        return environment;
    }

    /// <summary>The server's folder (bind-mounted as /home/container).</summary>
    public string Folder => Path.Combine(DataRoot, Uuid);

    public EnvironmentSpec Spec(string invocation, long memoryMiB = 64, IReadOnlyDictionary<string, string>? variables = null, string image = TestEngine.Image) =>
        new(Uuid, Path.Combine(DataRoot, Uuid), invocation, variables ?? new Dictionary<string, string>(), image,
            memoryMiB * 1024 * 1024, SwapBytes: 0, CpuLimitPercent: 100, PidsLimit: 64, Ports: [], OomDisabled: false);

    public async ValueTask DisposeAsync()
    {
        foreach (var environment in environments)
        {
            await environment.DisposeAsync();
        }
        if (!Options.SocketPath.Contains("does-not-exist", StringComparison.Ordinal))
        {
            await using var cleaner = Factory.Create(Uuid);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await cleaner.DestroyAsync(timeout.Token);
        }
        try
        {
            Directory.Delete(DataRoot, recursive: true);
        }
        catch (IOException)
        {
            // Files written by the container as another user; the temp folder is throwaway.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
