namespace Aerie.Node.Files.Pull;

/// <summary>The pulls in flight on this node, at most <see cref="PerServer"/> per server (spec 06 §4 step 2).</summary>
internal sealed class PullRegistry
{
    public const int PerServer = 3;

    /// <summary>A pull still running after this is cancelled (Wings' limit).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromHours(12);

    private readonly Lock gate = new();
    private readonly List<PullDownload> downloads = [];

    /// <summary>Claims a place for <paramref name="server"/>, or null when it already has <see cref="PerServer"/>.</summary>
    public PullDownload? TryStart(string server)
    {
        lock (gate)
        {
            if (downloads.Count(d => d.Server == server) >= PerServer)
            {
                return null;
            }
            var download = new PullDownload(server);
            downloads.Add(download);
            return download;
        }
    }

    public IReadOnlyList<PullDownload> Of(string server)
    {
        lock (gate)
        {
            return downloads.Where(d => d.Server == server).ToList();
        }
    }

    /// <summary>Cancels the pull if it is this server's; anything else is ignored (the route answers 204 either way).</summary>
    public void Cancel(string server, string id)
    {
        PullDownload? found;
        lock (gate)
        {
            found = downloads.FirstOrDefault(d => d.Server == server && d.Id == id);
        }
        try
        {
            found?.Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // finished meanwhile
        }
    }

    public void Finished(PullDownload download)
    {
        lock (gate)
        {
            downloads.Remove(download);
        }
        download.Dispose();
    }
}
