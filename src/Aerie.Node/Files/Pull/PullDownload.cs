namespace Aerie.Node.Files.Pull;

/// <summary>One pull in flight: its id (the panel's handle), its progress and the way to cancel it.</summary>
internal sealed class PullDownload(string server) : IDisposable
{
    private long total;
    private long received;

    public string Id { get; } = Guid.NewGuid().ToString();

    public string Server { get; } = server;

    public CancellationTokenSource Cancellation { get; } = new(PullRegistry.Timeout);

    /// <summary>0-1; 0 until the length is known.</summary>
    public double Progress
    {
        get
        {
            var t = Interlocked.Read(ref total);
            return t <= 0 ? 0 : Math.Min(1, (double)Interlocked.Read(ref received) / t);
        }
    }

    public void Started(long length) => Interlocked.Exchange(ref total, length);

    public void Advance(long bytes) => Interlocked.Add(ref received, bytes);

    public void Dispose() => Cancellation.Dispose();
}
