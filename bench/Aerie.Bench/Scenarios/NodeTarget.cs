using Aerie.Bench.Infra;

namespace Aerie.Bench.Scenarios;

/// <summary>`aerie node --config` as a child process (its RSS and CPU are its own), servers running the flooder.</summary>
internal sealed class NodeTarget : IBroadcastTarget
{
    private readonly ChildProcess child;
    private readonly NodeApiClient api;
    private readonly TokenMinter tokens = new(BenchNodeConfig.Secret);
    private readonly string dataDir;
    private readonly string[] uuids;
    private readonly Uri baseUri;

    private NodeTarget(ChildProcess child, Uri baseUri, string dataDir, string[] uuids, double readyMs)
    {
        this.child = child;
        this.baseUri = baseUri;
        this.dataDir = dataDir;
        this.uuids = uuids;
        ReadyMs = readyMs;
        api = new NodeApiClient(baseUri, BenchNodeConfig.Secret);
    }

    public string Label => "aerie node";
    public double ReadyMs { get; }
    public int ProcessId => child.Id;
    public long Rss => child.Rss;
    public TimeSpan CpuTime => child.CpuTime;
    public IReadOnlyList<string> Servers => uuids;

    public static async Task<NodeTarget> StartAsync(int servers, int maxSockets, bool startServers)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "aerie-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var port = FreePort.Next();
        var config = BenchNodeConfig.Create(port, Path.Combine(dataDir, "volumes"), servers, maxSockets);
        var path = BenchNodeConfig.Write(config, Path.Combine(dataDir, "node.yml"));
        var child = ChildProcess.StartDll(Locator.AerieDll, "node", "--config", path);
        var baseUri = new Uri($"http://127.0.0.1:{port}");
        try
        {
            var ready = await child.WaitReadyAsync(new Uri(baseUri, "/api/system"), TimeSpan.FromSeconds(30));
            var target = new NodeTarget(child, baseUri, dataDir, [.. config.Servers.Select(s => s.Uuid)], ready);
            if (startServers)
            {
                await Task.WhenAll(target.uuids.Select(u => target.api.StartAndWaitRunningAsync(u, TimeSpan.FromSeconds(60))));
            }
            return target;
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }

    /// <summary>Sockets spread round-robin over the servers; each gets its own user's token in the query.</summary>
    public Uri SocketUri(int index)
    {
        var uuid = uuids[index % uuids.Length];
        return new UriBuilder(baseUri) { Scheme = "ws", Path = $"/api/servers/{uuid}/ws", Query = "token=" + tokens.MintFor(uuid, index, TimeSpan.FromMinutes(30)) }.Uri;
    }

    public Task FloodAsync(int count, int rate) => api.CommandAsync(uuids[0], $"flood {count} {rate}");

    public Task MarkAsync() => api.CommandAsync(uuids[0], "mark");

    public void Dispose()
    {
        api.Dispose();
        child.Dispose();
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
            // temp folder
        }
    }
}
