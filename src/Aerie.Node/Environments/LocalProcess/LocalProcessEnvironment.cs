using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Environments.LocalProcess;

/// <summary>Runs a game as a child process: <c>setsid /bin/sh -c &lt;invocation&gt;</c> in its own session and process
/// group (so kill reaches the whole tree), in the server folder, stdout and stderr merged into one pipe
/// (<c>exec 2&gt;&amp;1</c>, so lines keep their order), variables only as environment variables.</summary>
internal sealed class LocalProcessEnvironment(string serverUuid, TimeProvider time, ILogger logger) : IServerEnvironment
{
    private readonly SemaphoreSlim stdinGate = new(1, 1);
    private readonly Lock gate = new();
    private Process? process;
    private ProcfsSampler? sampler;
    private long startedAt;
    private int running;

    public event Action<ReadOnlyMemory<byte>>? Output;
    public event Action<EnvironmentExit>? Exited;
    public event Action<string>? InstallOutput { add { } remove { } }

    public bool IsRunning => Volatile.Read(ref running) == 1;

    public Task StartAsync(EnvironmentSpec spec, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (IsRunning)
            {
                throw new EnvironmentException("server is running");
            }
            Directory.CreateDirectory(spec.WorkingDirectory);
            var child = new Process { StartInfo = StartInfo(spec), EnableRaisingEvents = true };
            try
            {
                child.Start();
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                child.Dispose();
                throw new EnvironmentException("failed to start the server process: " + e.Message, e);
            }
            process = child;
            sampler = new ProcfsSampler(child.Id, time);
            startedAt = time.GetTimestamp();
            Volatile.Write(ref running, 1);
            _ = Task.Run(() => MonitorAsync(child), CancellationToken.None);
        }
        return Task.CompletedTask;
    }

    public Task<bool> AttachExistingAsync(EnvironmentSpec spec, CancellationToken cancellationToken) => Task.FromResult(false);

    public async Task WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        var child = process;
        if (child is null || !IsRunning)
        {
            throw new EnvironmentException("server is not running");
        }
        await stdinGate.WaitAsync(cancellationToken);
        try
        {
            await child.StandardInput.WriteAsync((line + "\n").AsMemory(), cancellationToken);
            await child.StandardInput.FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            throw new EnvironmentException("cannot write to the server's input: " + e.Message, e);
        }
        finally
        {
            stdinGate.Release();
        }
    }

    public Task SignalAsync(string signal, CancellationToken cancellationToken)
    {
        if (!PosixSignals.TryParse(signal, out var number))
        {
            throw new EnvironmentException($"unknown signal '{signal}'");
        }
        if (process is { } child && IsRunning)
        {
            PosixSignals.SignalGroup(child.Id, number);
        }
        return Task.CompletedTask;
    }

    public Task KillAsync(CancellationToken cancellationToken)
    {
        if (process is { } child && IsRunning)
        {
            KillTree(child);
        }
        return Task.CompletedTask;
    }

    public Task<EnvironmentStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        var s = sampler;
        if (s is null || !IsRunning)
        {
            return Task.FromResult(EnvironmentStats.Zero);
        }
        var (memory, cpu) = s.Sample();
        var uptime = (long)time.GetElapsedTime(startedAt).TotalMilliseconds;
        return Task.FromResult(new EnvironmentStats(memory, 0, cpu, 0, 0, uptime));
    }

    public Task DestroyAsync(CancellationToken cancellationToken) => KillAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await KillAsync(CancellationToken.None);
        stdinGate.Dispose();
    }

    private static void KillTree(Process child)
    {
        if (!PosixSignals.SignalGroup(child.Id, PosixSignals.SigKill))
        {
            try
            {
                child.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already exited
            }
        }
    }

    private async Task MonitorAsync(Process child)
    {
        var pump = PumpAsync(child.StandardOutput.BaseStream);
        await child.WaitForExitAsync();
        // Leftover children (a backgrounded helper) would keep the pipe open and outlive the game.
        PosixSignals.SignalGroup(child.Id, PosixSignals.SigKill);
        await Task.WhenAny(pump, Task.Delay(TimeSpan.FromSeconds(5), time));
        var exit = new EnvironmentExit(child.ExitCode, false);
        lock (gate)
        {
            Volatile.Write(ref running, 0);
            process = null;
            sampler = null;
        }
        child.Dispose();
        logger.LogInformation("server {Server} process exited with code {Code}", serverUuid, exit.ExitCode);
        Exited?.Invoke(exit);
    }

    private async Task PumpAsync(Stream output)
    {
        var buffer = new byte[32 * 1024];
        try
        {
            int read;
            while ((read = await output.ReadAsync(buffer)) > 0)
            {
                Output?.Invoke(buffer.AsMemory(0, read));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // pipe closed under us: the process is gone
        }
    }

    private static ProcessStartInfo StartInfo(EnvironmentSpec spec)
    {
        var info = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = spec.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        info.ArgumentList.Add("/bin/sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec 2>&1\n" + InvocationRewriter.Rewrite(spec.Invocation));
        // The daemon's own environment (secrets, paths) is not the game's business.
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        info.Environment["HOME"] = spec.WorkingDirectory;
        info.Environment["TZ"] = "UTC";
        info.Environment["P_SERVER_UUID"] = spec.ServerUuid;
        info.Environment["SERVER_MEMORY"] = (spec.MemoryLimitBytes / 1024 / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (spec.Ports.Count > 0)
        {
            info.Environment["SERVER_IP"] = spec.Ports[0].Ip;
            info.Environment["SERVER_PORT"] = spec.Ports[0].Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        info.Environment["STARTUP"] = spec.Invocation;
        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }
        return info;
    }
}
