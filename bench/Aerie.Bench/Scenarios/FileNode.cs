using Aerie.Bench.Infra;

namespace Aerie.Bench.Scenarios;

/// <summary>`aerie node --config` as a child process with one (stopped) server whose folder the files scenario fills,
/// and an upload limit raised to fit the scenario's file (the default is 100 MiB per file).</summary>
internal sealed class FileNode : IAsyncDisposable
{
    private readonly ChildProcess child;

    private FileNode(ChildProcess child, Uri baseUri, string dataDir, string uuid, string root)
    {
        this.child = child;
        BaseUri = baseUri;
        DataDir = dataDir;
        Uuid = uuid;
        Root = root;
    }

    public Uri BaseUri { get; }
    public string DataDir { get; }
    public string Uuid { get; }

    /// <summary>The server's folder on the node's disk.</summary>
    public string Root { get; }

    public TokenMinter Tokens { get; } = new(BenchNodeConfig.Secret);

    public static async Task<FileNode> StartAsync(int uploadLimitMiB)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "aerie-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var port = FreePort.Next();
        var volumes = Path.Combine(dataDir, "volumes");
        var config = BenchNodeConfig.Create(port, volumes, servers: 1, maxSockets: 10);
        config.Api.UploadLimit = uploadLimitMiB;
        var path = BenchNodeConfig.Write(config, Path.Combine(dataDir, "node.yml"));
        var child = ChildProcess.StartDll(Locator.AerieDll, "node", "--config", path);
        var baseUri = new Uri($"http://127.0.0.1:{port}");
        try
        {
            await child.WaitReadyAsync(new Uri(baseUri, "/api/system"), TimeSpan.FromSeconds(30));
            var uuid = config.Servers[0].Uuid;
            var root = Path.Combine(Path.GetFullPath(volumes), uuid.ToLowerInvariant());
            Directory.CreateDirectory(root);
            return new FileNode(child, baseUri, dataDir, uuid, root);
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        child.Dispose();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // temp folder
        }
        return ValueTask.CompletedTask;
    }
}
