using System.Globalization;
using Aerie.Contracts.Socket;

namespace Aerie.Node.Servers;

/// <summary>The server's <c>disk_space</c> limit, enforced by the daemon (spec 06 §5): a server over it cannot
/// start, and a running one found over it (a walk every <c>system.disk_check_interval</c>) is told so and
/// stopped. The process runtime also caps any single file at the limit (RLIMIT_FSIZE).</summary>
internal sealed class DiskGuard(DiskUsage disk, Func<long> limitBytes, Func<string> state, Action<string> notice, Func<Task> stop,
    TimeSpan interval, TimeProvider time)
{
    public const string StoppingNotice = "Server is exceeding the assigned disk space limit, stopping process now.";

    /// <summary>The start's `daemon error`, meant for users (they can free space); the console notice adds the figures.</summary>
    public const string StartRefused = "the server is exceeding its disk space limit and cannot start";
    private Task loop = Task.CompletedTask;

    public Task Stopped => loop;

    public void Start(CancellationToken lifetime) => loop = LoopAsync(lifetime);

    /// <summary>Why the server cannot start (told in its console too), or null. Measured now, not from the cache.</summary>
    public string? StartProblem()
    {
        var limit = limitBytes();
        if (limit <= 0)
        {
            return null;
        }
        var used = disk.Measure();
        if (used <= limit)
        {
            return null;
        }
        notice(string.Create(CultureInfo.InvariantCulture,
            $"The server could not be started: {StartRefused} ({used / 1048576.0:0.#} MiB used of {limit / 1048576} MiB); free some space first."));
        return StartRefused;
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var limit = limitBytes();
                if (limit > 0 && state() is ServerStates.Starting or ServerStates.Running && disk.Measure() > limit)
                {
                    notice(StoppingNotice);
                    await stop();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // server removed or daemon stopping
        }
    }
}
