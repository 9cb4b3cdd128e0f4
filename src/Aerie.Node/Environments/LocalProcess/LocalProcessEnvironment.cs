using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Environments.LocalProcess;

/// <summary>Runs a game as a child process (<see cref="ProcessLaunch"/>): in the node's sandbox, as the server's
/// user, where a kill of bubblewrap ends the whole PID namespace; or, when the node allows it, unsandboxed in its
/// own session and process group (so kill reaches the whole tree but a child that calls setsid escapes).</summary>
internal sealed class LocalProcessEnvironment(string serverUuid, ProcessSandbox sandbox, TimeProvider time, ILogger logger) : IServerEnvironment
{
    private readonly bool sandboxed = sandbox.Tools is not null;
    private readonly SemaphoreSlim stdinGate = new(1, 1);
    private readonly Lock gate = new();
    private readonly Lock outputGate = new();
    private Process? process;

    // The running child's PID, kept beside it: the exit monitor disposes the Process object (whose Id then throws)
    // while a kill or a signal may still be on its way.
    private int processId;
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
            var profile = sandbox.Profiles.For(spec.Image);
            Directory.CreateDirectory(spec.WorkingDirectory);
            var child = new Process { StartInfo = ProcessLaunch.For(spec, sandbox, profile), EnableRaisingEvents = true };
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
            processId = child.Id;
            sampler = new ProcfsSampler(processId, sandboxed, time);
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

    public async Task SignalAsync(string signal, CancellationToken cancellationToken)
    {
        if (!PosixSignals.TryParse(signal, out var number))
        {
            throw new EnvironmentException($"unknown signal '{signal}'");
        }
        if (Current() is not { } current)
        {
            return;
        }
        var (child, pid) = current;
        if (number == PosixSignals.SigKill)
        {
            KillTree(child, pid);
            return;
        }
        // Sandboxed, the game's group is led by the sandbox's PID 1 (which ignores the signal); bubblewrap's
        // outer half forwards nothing.
        var group = sandboxed ? await SandboxProcesses.InitAsync(pid, time) : pid;
        PosixSignals.SignalGroup(group, number);
    }

    public Task KillAsync(CancellationToken cancellationToken)
    {
        if (Current() is { } current)
        {
            KillTree(current.Child, current.Pid);
        }
        return Task.CompletedTask;
    }

    /// <summary>The running child and its PID, read together under the lock; null when nothing runs.</summary>
    private (Process Child, int Pid)? Current()
    {
        lock (gate)
        {
            return process is { } child && IsRunning ? (child, processId) : null;
        }
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

    /// <summary>Sandboxed, SIGKILL to bubblewrap takes the sandbox's PID 1 with it (<c>--die-with-parent</c>), and the
    /// kernel then kills every process of the namespace, however it left the game's session.</summary>
    private void KillTree(Process child, int pid)
    {
        var init = sandboxed ? SandboxProcesses.Init(pid) : 0;
        PosixSignals.SignalGroup(init, PosixSignals.SigKill);
        if (!PosixSignals.SignalGroup(pid, PosixSignals.SigKill))
        {
            try
            {
                child.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
                // already exited (and maybe disposed by the exit monitor)
            }
        }
    }

    private async Task MonitorAsync(Process child)
    {
        var pump = Task.WhenAll(PumpAsync(child.StandardOutput.BaseStream), PumpAsync(child.StandardError.BaseStream));
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
                // Two pipes (the game's merged output, the sandbox's own errors) feed one consumer.
                lock (outputGate)
                {
                    Output?.Invoke(buffer.AsMemory(0, read));
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // pipe closed under us: the process is gone
        }
    }
}
