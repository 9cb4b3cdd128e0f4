using Aerie.Bench.Infra;

namespace Aerie.Bench.Scenarios;

/// <summary>Many authenticated console sockets against one target, connected a bounded number at a time.</summary>
internal sealed class Crowd : IAsyncDisposable
{
    private Crowd(ConsoleProbe[] probes) => Probes = probes;

    public ConsoleProbe[] Probes { get; }

    public static async Task<Crowd> ConnectAsync(IBroadcastTarget target, int count, int bufferSize, bool recordLatency, int parallel = 64)
    {
        var probes = new ConsoleProbe[count];
        using var gate = new SemaphoreSlim(parallel);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var probe = await ConsoleProbe.ConnectAsync(target.SocketUri(i), bufferSize, recordLatency);
                    probes[i] = probe;
                    await probe.Authenticated.WaitAsync(TimeSpan.FromSeconds(60));
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        catch
        {
            await new Crowd([.. probes.Where(p => p is not null)]).DisposeAsync();
            throw;
        }
        return new Crowd(probes);
    }

    /// <summary>Waits until every socket holds <paramref name="lines"/> lines, or nothing arrived for <paramref name="idle"/>,
    /// or <paramref name="limit"/> passed.</summary>
    public async Task WaitForLinesAsync(int lines, TimeSpan idle, TimeSpan limit)
    {
        var deadline = MonoClock.Now + (long)(limit.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        var last = -1L;
        var lastChange = MonoClock.Now;
        while (MonoClock.Now < deadline)
        {
            long total = 0;
            var done = true;
            foreach (var p in Probes)
            {
                var n = p.Lines;
                total += n;
                done &= n >= lines;
            }
            if (done)
            {
                return;
            }
            if (total != last)
            {
                last = total;
                lastChange = MonoClock.Now;
            }
            else if (MonoClock.MsSince(lastChange) > idle.TotalMilliseconds)
            {
                return;
            }
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var chunk in Probes.Chunk(256))
        {
            await Task.WhenAll(chunk.Select(p => p.DisposeAsync().AsTask()));
        }
    }
}
