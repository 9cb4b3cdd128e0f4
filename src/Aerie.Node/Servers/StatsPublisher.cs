using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Environments;
using Aerie.Node.Events;

namespace Aerie.Node.Servers;

/// <summary>Resource usage: answered on demand (node API, `send stats`) and published as `stats` every
/// <c>system.stats_interval</c> while the server is not offline (offline gets one zeroed frame on the transition).</summary>
internal sealed class StatsPublisher(IServerEnvironment environment, DiskUsage disk, Func<string> state, Func<long> memoryLimitBytes,
    FanOut<OutboundFrame> frames, TimeSpan interval, TimeProvider time)
{
    private Task loop = Task.CompletedTask;

    public void Start(CancellationToken lifetime) => loop = LoopAsync(lifetime);

    /// <summary>Completes once the loop has seen its cancellation.</summary>
    public Task Stopped => loop;

    public async Task<StatsPayload> GetAsync(CancellationToken ct)
    {
        var current = state();
        var limit = memoryLimitBytes();
        if (current == ServerStates.Offline)
        {
            return StatsPayload.Zero(current, limit) with { DiskBytes = disk.Bytes() };
        }
        var s = await environment.GetStatsAsync(ct);
        return new StatsPayload(s.MemoryBytes, s.MemoryLimitBytes > 0 ? s.MemoryLimitBytes : limit, s.CpuAbsolute,
            new NetworkStats(s.RxBytes, s.TxBytes), s.UptimeMs, current, disk.Bytes());
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (state() != ServerStates.Offline)
                {
                    var stats = await GetAsync(ct);
                    if (stats.State != ServerStates.Offline)
                    {
                        frames.Publish(ServerFrames.Stats(stats));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // server removed or daemon stopping
        }
    }
}
