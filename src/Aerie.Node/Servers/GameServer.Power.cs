using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Environments;

namespace Aerie.Node.Servers;

/// <summary>Power actions and exits: one action at a time (kill preempts), stop with timeout then kill, crash guard.</summary>
internal sealed partial class GameServer
{
    /// <summary>Runs a power action. Returns null on success or the reason it failed (sent as `daemon error`).</summary>
    public async Task<string?> PowerAsync(string action, Actor actor)
    {
        if (action is not (PowerActions.Start or PowerActions.Stop or PowerActions.Restart or PowerActions.Kill))
        {
            return $"invalid power action '{action}'";
        }
        // Right after boot the re-attach check holds the lock: wait for it (bounded, the engine may be wedged)
        // rather than answer "busy".
        if (!attaching.IsCompleted)
        {
            await Task.WhenAny(attaching, Task.Delay(TimeSpan.FromSeconds(30), time));
        }
        var result = action == PowerActions.Kill ? await KillAsync() : await LockedPowerAsync(action);
        activity.Record(actor, Uuid, ActivityEvents.Power(action), new Dictionary<string, string> { ["result"] = result ?? "ok" });
        return result;
    }

    /// <summary>Re-attaches to a game that outlived a daemon restart (containers do; processes do not).
    /// Power actions wait for it (see <see cref="PowerAsync"/>).</summary>
    public Task AttachAsync() => attaching = AttachCoreAsync();

    private async Task AttachCoreAsync()
    {
        await powerLock.WaitAsync(lifetime.Token);
        try
        {
            lock (stateGate)
            {
                if (state != ServerStates.Offline)
                {
                    return;
                }
                exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            var attached = false;
            try
            {
                attached = await environment.AttachExistingAsync(BuildSpec(), lifetime.Token);
            }
            catch (EnvironmentException e)
            {
                LogAttachFailed(Uuid, e.Message);
                Notice("Could not check for a running server: " + e.Notice);
            }
            if (attached)
            {
                SetState(ServerStates.Running);
            }
            else
            {
                exited.TrySetResult();
            }
        }
        finally
        {
            powerLock.Release();
        }
    }

    /// <summary>Waits until the current run has exited, or the timeout passes.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await exited.Task.WaitAsync(timeout, time);
        }
        catch (TimeoutException)
        {
            // caller decides
        }
    }

    private async Task<string?> LockedPowerAsync(string action)
    {
        if (!await powerLock.WaitAsync(0))
        {
            return SocketErrors.PowerLocked;
        }
        try
        {
            switch (action)
            {
                case PowerActions.Start:
                    return await StartCoreAsync();
                case PowerActions.Stop:
                    await StopCoreAsync();
                    return null;
                default:
                    var generation = Volatile.Read(ref killGeneration);
                    await StopCoreAsync();
                    // A kill during the restart's stop cancels the start half.
                    return generation == Volatile.Read(ref killGeneration) ? await StartCoreAsync() : null;
            }
        }
        finally
        {
            powerLock.Release();
        }
    }

    private async Task<string?> StartCoreAsync()
    {
        if (IsSuspended)
        {
            return SocketCloseCodes.SuspendedReason;
        }
        lock (stateGate)
        {
            if (state != ServerStates.Offline)
            {
                return SocketErrors.ServerRunning;
            }
            exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        SetState(ServerStates.Starting);
        try
        {
            var spec = BuildSpec();
            // A game that outlived the daemon while the boot-time re-attach failed (engine down then) is
            // adopted rather than refused as "already running": start self-heals once the engine is back.
            if (await environment.AttachExistingAsync(spec, lifetime.Token))
            {
                SetState(ServerStates.Running);
                return null;
            }
            await environment.StartAsync(spec, lifetime.Token);
        }
        catch (EnvironmentException e)
        {
            exited.TrySetResult();
            LogStartFailed(Uuid, e.Message);
            // The requester gets `daemon error`; everyone watching the console learns why nothing runs.
            Notice("The server could not be started: " + e.Notice);
            SetState(ServerStates.Offline);
            return e.Message;
        }
        if (done.IsEmpty)
        {
            SetState(ServerStates.Running);
        }
        return null;
    }

    private async Task StopCoreAsync()
    {
        if (State == ServerStates.Offline)
        {
            return;
        }
        SetState(ServerStates.Stopping);
        var stop = Configuration.ProcessConfiguration.Stop;
        try
        {
            if (stop.Type == "signal")
            {
                await environment.SignalAsync(stop.Value, lifetime.Token);
            }
            else
            {
                await environment.WriteLineAsync(stop.Value, lifetime.Token);
            }
        }
        catch (EnvironmentException e)
        {
            Notice("stop action failed, killing the server: " + e.Message);
            await environment.KillAsync(lifetime.Token);
        }
        try
        {
            await exited.Task.WaitAsync(TimeSpan.FromSeconds(config.Power.StopTimeout), time);
        }
        catch (TimeoutException)
        {
            Notice("Server did not stop in time, killing it.");
            await environment.KillAsync(lifetime.Token);
            await WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private async Task<string?> KillAsync()
    {
        Interlocked.Increment(ref killGeneration);
        if (State == ServerStates.Offline)
        {
            return null;
        }
        SetState(ServerStates.Stopping);
        await environment.KillAsync(lifetime.Token);
        return null;
    }

    private void OnExited(EnvironmentExit exit)
    {
        splitter.Flush();
        bool crashed;
        TaskCompletionSource run;
        lock (stateGate)
        {
            crashed = state is ServerStates.Starting or ServerStates.Running;
            // Captured before going offline: a start right after must not have its new run completed here.
            run = exited;
        }
        SetState(ServerStates.Offline);
        run.TrySetResult();
        if (crashed && !lifetime.IsCancellationRequested)
        {
            _ = Task.Run(() => HandleCrashAsync(exit));
        }
    }

    private async Task HandleCrashAsync(EnvironmentExit exit)
    {
        Notice(SocketErrors.CrashDetected);
        Notice("Exit code: " + Format(exit.ExitCode));
        Notice("Out of memory: " + (exit.OutOfMemory ? "true" : "false"));
        if (!Configuration.Settings.CrashDetectionEnabled)
        {
            return;
        }
        var now = time.GetTimestamp();
        var previous = lastCrash;
        lastCrash = now;
        if (previous is { } at && time.GetElapsedTime(at, now) < TimeSpan.FromSeconds(config.Power.CrashGuard))
        {
            Notice(SocketErrors.CrashAborted);
            return;
        }
        var error = await LockedPowerAsync(PowerActions.Start);
        if (error is not null)
        {
            Notice("Automatic restart failed: " + error);
        }
    }

    private EnvironmentSpec BuildSpec()
    {
        var s = Configuration.Settings;
        var ports = new List<PortBinding> { new(s.Allocations.Default.Ip, s.Allocations.Default.Port) };
        foreach (var (ip, list) in s.Allocations.Mappings)
        {
            ports.AddRange(list.Where(p => p != s.Allocations.Default.Port || ip != s.Allocations.Default.Ip).Select(p => new PortBinding(ip, p)));
        }
        // Port 0 = no allocation (a config-file server without `port:`): nothing to publish.
        ports.RemoveAll(p => p.Port <= 0);
        return new EnvironmentSpec(Uuid, WorkingDirectory, s.Invocation, s.Environment, s.Container.Image,
            s.Build.MemoryLimit * 1024 * 1024, s.Build.Swap * 1024 * 1024, s.Build.CpuLimit, config.Docker.ContainerPidLimit, ports, s.Build.OomDisabled);
    }
}
