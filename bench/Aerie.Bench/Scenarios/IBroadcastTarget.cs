namespace Aerie.Bench.Scenarios;

/// <summary>A child process that fans console lines out to sockets: the real node, or the ceiling broadcaster.</summary>
internal interface IBroadcastTarget : IDisposable
{
    string Label { get; }
    int ProcessId { get; }
    double ReadyMs { get; }
    long Rss { get; }
    TimeSpan CpuTime { get; }
    Uri SocketUri(int index);
    Task FloodAsync(int count, int rate);
    Task MarkAsync();
}
