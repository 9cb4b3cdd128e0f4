using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Environments;
using Aerie.Node.Events;

namespace Aerie.Node.Servers;

/// <summary>Resource usage: published as `stats` every <c>system.stats_interval</c> while the server is not offline
/// and someone is listening (offline gets one zeroed frame on the transition), and answered on demand (node API,
/// `send stats`, the panel's preflight) from the same sample: the environment is asked at most about once per
/// interval per server however many sockets ask, and not at all while nobody asks.</summary>
internal sealed class StatsPublisher(IServerEnvironment environment, DiskUsage disk, Func<string> state, Func<long> memoryLimitBytes,
    FanOut<OutboundFrame> frames, TimeSpan interval, TimeProvider time)
{
    // Half an interval: the loop's next tick always takes a new sample, a burst of `send stats` in between shares one.
    private readonly TimeSpan reuseFor = interval / 2;
    private readonly Lock gate = new();
    private Task loop = Task.CompletedTask;
    private Sample? latest;
    private Task<EnvironmentStats>? sampling;

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
        var s = await SampleAsync(current, ct);
        return new StatsPayload(s.MemoryBytes, s.MemoryLimitBytes > 0 ? s.MemoryLimitBytes : limit, s.CpuAbsolute,
            new NetworkStats(s.RxBytes, s.TxBytes), s.UptimeMs, current, disk.Bytes());
    }

    // A sample taken in the same state within reuseFor is shared; one in flight is joined rather than doubled.
    private Task<EnvironmentStats> SampleAsync(string current, CancellationToken ct)
    {
        lock (gate)
        {
            if (latest is { } last && last.State == current && time.GetElapsedTime(last.TakenAt) < reuseFor)
            {
                return last.Stats;
            }
            if (sampling is { IsCompleted: false } inFlight)
            {
                return inFlight;
            }
            return sampling = SampleNowAsync(current, ct);
        }
    }

    private async Task<EnvironmentStats> SampleNowAsync(string current, CancellationToken ct)
    {
        var takenAt = time.GetTimestamp();
        var stats = await environment.GetStatsAsync(ct);
        lock (gate)
        {
            latest = new Sample(current, takenAt, Task.FromResult(stats));
        }
        return stats;
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                // Nobody watching this server: no sample (a container stats call) and no frame to encode.
                if (frames.Count > 0 && state() != ServerStates.Offline)
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

    private sealed record Sample(string State, long TakenAt, Task<EnvironmentStats> Stats);
}
