using System.Diagnostics;

namespace Aerie.Bench.Infra;

/// <summary>A child process (`aerie node`, `aerie panel`, the ceiling host) whose RSS and CPU time are its own.
/// Output is drained (so the child never blocks on a full pipe) and the tail kept for error messages.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process process;
    private readonly Queue<string> tail = new();
    private readonly Lock gate = new();
    private bool disposed;

    private ChildProcess(Process process, long startedAt)
    {
        this.process = process;
        StartedAt = startedAt;
    }

    /// <summary>Monotonic timestamp taken just before the process was spawned.</summary>
    public long StartedAt { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public static ChildProcess StartDll(string dll, params string[] args)
    {
        var info = new ProcessStartInfo(Locator.Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var startedAt = MonoClock.Now;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + dll);
        var child = new ChildProcess(process, startedAt);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Resident set size (VmRSS) in bytes.</summary>
    public long Rss
    {
        get
        {
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public string Tail()
    {
        lock (gate)
        {
            return string.Join('\n', tail);
        }
    }

    /// <summary>Polls <paramref name="url"/> until any HTTP answer; returns ms from spawn to that answer.</summary>
    public async Task<double> WaitReadyAsync(Uri url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = MonoClock.Now + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (MonoClock.Now < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"child exited with {process.ExitCode}: {Tail()}");
            }
            try
            {
                using var response = await http.GetAsync(url);
                return MonoClock.MsSince(StartedAt);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && MonoClock.Now < deadline))
            {
                // Refused, or accepted but not answered within the per-try timeout (a child still starting on a
                // loaded machine): not ready yet, try again until the deadline.
                await Task.Delay(2);
            }
        }
        throw new TimeoutException($"{url} not ready within {timeout}: {Tail()}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (gate)
        {
            tail.Enqueue(line);
            if (tail.Count > 40)
            {
                tail.Dequeue();
            }
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        try
        {
            if (!process.HasExited)
            {
                // The whole tree: a node's game servers are its children.
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        process.Dispose();
    }
}
