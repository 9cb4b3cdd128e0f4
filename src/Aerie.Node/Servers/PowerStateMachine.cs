using System.Globalization;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;
using Aerie.Node.ConfigFiles;
using Aerie.Node.Environments;
using Aerie.Node.Events;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Servers;

/// <summary>The server's state machine (offline → starting → running → stopping → offline) and its power
/// actions: one action at a time under the power lock (kill preempts), stop with timeout then kill, crash
/// handling with the <see cref="CrashGuard"/>, and the *installing* claim during which every power action
/// is refused. Map: state → Power (start/stop/restart/kill) → Attach → Install claim → OnExited (crash).</summary>
internal sealed class PowerStateMachine : IDisposable
{
    private readonly string uuid;
    private readonly IServerEnvironment environment;
    private readonly ConsolePipeline console;
    private readonly FanOut<OutboundFrame> frames;
    private readonly CrashGuard crashGuard;
    private readonly Func<ServerConfiguration> configuration;
    private readonly Func<EnvironmentSpec> spec;
    private readonly Func<string?> startProblem;
    private readonly ServerConfigFiles configFiles;
    private readonly TimeSpan stopTimeout;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly CancellationToken lifetime;
    private readonly Lock gate = new();
    private readonly SemaphoreSlim powerLock = new(1, 1);
    private string state = ServerStates.Offline;
    private bool installing;
    private bool restoring;
    private TaskCompletionSource exited = CompletedExit();
    private int killGeneration;
    private Task attaching = Task.CompletedTask;

    public PowerStateMachine(string uuid, IServerEnvironment environment, ConsolePipeline console, FanOut<OutboundFrame> frames, CrashGuard crashGuard,
        Func<ServerConfiguration> configuration, Func<EnvironmentSpec> spec, Func<string?> startProblem, ServerConfigFiles configFiles, TimeSpan stopTimeout, TimeProvider time, ILogger logger, CancellationToken lifetime)
    {
        this.uuid = uuid;
        this.environment = environment;
        this.console = console;
        this.frames = frames;
        this.crashGuard = crashGuard;
        this.configuration = configuration;
        this.spec = spec;
        this.startProblem = startProblem;
        this.configFiles = configFiles;
        this.stopTimeout = stopTimeout;
        this.time = time;
        this.logger = logger;
        this.lifetime = lifetime;
        environment.Exited += OnExited;
        console.AwaitingDone = () => Volatile.Read(ref state) == ServerStates.Starting;
        console.DoneSeen += () => SetState(ServerStates.Running);
    }

    public string State
    {
        get
        {
            lock (gate)
            {
                return state;
            }
        }
    }

    public bool IsInstalling
    {
        get
        {
            lock (gate)
            {
                return installing;
            }
        }
    }

    /// <summary>Runs a valid power action (start, stop, restart, kill). Returns null on success or the reason it failed (sent as `daemon error`).</summary>
    /// <param name="lockWait">how long to wait for another power action to finish before answering
    /// <see cref="SocketErrors.PowerLocked"/> (the node API's <c>wait_seconds</c>; zero for sockets)</param>
    public async Task<string?> PowerAsync(string action, TimeSpan lockWait = default)
    {
        if (IsInstalling)
        {
            return SocketErrors.ServerInstalling;
        }
        if (IsRestoring)
        {
            return SocketErrors.ServerRestoring;
        }
        // Right after boot the re-attach check holds the lock: wait for it (bounded, the engine may be wedged)
        // rather than answer "busy".
        if (!attaching.IsCompleted)
        {
            await Task.WhenAny(attaching, Task.Delay(TimeSpan.FromSeconds(30), time));
        }
        return action == PowerActions.Kill ? await KillAsync() : await LockedPowerAsync(action, lockWait);
    }

    /// <summary>A console command equal to the stop command is a stop: the state says so at once.</summary>
    public void StopCommandSent() => SetState(ServerStates.Stopping);

    /// <summary>Re-attaches to a game that outlived a daemon restart (containers do; processes do not).
    /// Power actions wait for it (see <see cref="PowerAsync"/>).</summary>
    public Task AttachAsync() => attaching = AttachCoreAsync();

    /// <summary>Completes when the boot-time re-attach check is over, however it ended.</summary>
    public Task Attaching => attaching.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

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

    /// <summary>Claims the server for an install: refused (the reason is returned) while one runs or while a
    /// power action holds the lock. The claim holds the power lock until <see cref="EndInstall"/>, and
    /// <see cref="PowerAsync"/> answers <see cref="SocketErrors.ServerInstalling"/> meanwhile.</summary>
    public string? TryBeginInstall(bool reinstall)
    {
        lock (gate)
        {
            if (installing)
            {
                return NodeApiErrors.AlreadyInstalling;
            }
            if (restoring)
            {
                return SocketErrors.ServerRestoring;
            }
        }
        if (!powerLock.Wait(0))
        {
            return reinstall ? NodeApiErrors.ReinstallBusy : NodeApiErrors.InstallBusy;
        }
        lock (gate)
        {
            installing = true;
        }
        return null;
    }

    /// <summary>Stops a running game before its files are installed over (needs the claim).</summary>
    public Task StopForInstallAsync() => StopCoreAsync();

    public void EndInstall()
    {
        lock (gate)
        {
            if (!installing)
            {
                return;
            }
            installing = false;
        }
        powerLock.Release();
    }

    public bool IsRestoring
    {
        get
        {
            lock (gate)
            {
                return restoring;
            }
        }
    }

    /// <summary>Marks the server *restoring* (spec 07 §5 step 2): from here every power action and install is refused
    /// with <see cref="SocketErrors.ServerRestoring"/>. Then waits (bounded) for a power action under way to finish and
    /// holds the power lock until <see cref="EndRestore"/>; false when it could not be had (the restore is abandoned).</summary>
    public async Task<bool> BeginRestoreAsync(TimeSpan lockWait)
    {
        lock (gate)
        {
            restoring = true;
        }
        if (await TryLockAsync(lockWait))
        {
            return true;
        }
        lock (gate)
        {
            restoring = false;
        }
        return false;
    }

    /// <summary>Stops the game before its files are restored over (needs the claim): its stop action, killed after
    /// <paramref name="killAfter"/>.</summary>
    public Task StopForRestoreAsync(TimeSpan killAfter) => StopCoreAsync(killAfter);

    public void EndRestore()
    {
        lock (gate)
        {
            if (!restoring)
            {
                return;
            }
            restoring = false;
        }
        powerLock.Release();
    }

    /// <summary>Kills a running game and waits (bounded) for its exit; used when the server goes away.</summary>
    public async Task KillForReleaseAsync()
    {
        if (environment.IsRunning)
        {
            await environment.KillAsync(CancellationToken.None);
            await exited.Task.WaitAsync(TimeSpan.FromSeconds(10), time).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public void Dispose() => powerLock.Dispose();

    private static TaskCompletionSource CompletedExit()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tcs.SetResult();
        return tcs;
    }

    private void SetState(string next)
    {
        lock (gate)
        {
            if (state == next)
            {
                return;
            }
            state = next;
            frames.Publish(ServerFrames.Status(next));
            if (next == ServerStates.Offline)
            {
                frames.Publish(ServerFrames.Stats(StatsPayload.Zero(next, configuration().Settings.Build.MemoryLimit * 1024 * 1024)));
            }
        }
        ServerLog.State(logger, uuid, next);
    }

    private async Task AttachCoreAsync()
    {
        await powerLock.WaitAsync(lifetime);
        try
        {
            lock (gate)
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
                attached = await environment.AttachExistingAsync(spec(), lifetime);
            }
            catch (EnvironmentException e)
            {
                ServerLog.AttachFailed(logger, uuid, e.Message);
                console.Notice("Could not check for a running server: " + e.Notice);
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

    private async Task<string?> LockedPowerAsync(string action, TimeSpan lockWait)
    {
        if (!await TryLockAsync(lockWait))
        {
            return IsInstalling ? SocketErrors.ServerInstalling : IsRestoring ? SocketErrors.ServerRestoring : SocketErrors.PowerLocked;
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

    private async Task<bool> TryLockAsync(TimeSpan wait)
    {
        try
        {
            return await powerLock.WaitAsync(wait, lifetime);
        }
        catch (OperationCanceledException)
        {
            return false; // the server is going away
        }
    }

    private async Task<string?> StartCoreAsync()
    {
        if (configuration().Settings.Suspended)
        {
            return SocketCloseCodes.SuspendedReason;
        }
        lock (gate)
        {
            if (state != ServerStates.Offline)
            {
                return SocketErrors.ServerRunning;
            }
        }
        // Told in the console by the check itself (the disk limit, the allocated ports).
        if (startProblem() is { } refused)
        {
            return refused;
        }
        lock (gate)
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
            var next = spec();
            // A game that outlived the daemon while the boot-time re-attach failed (engine down then) is
            // adopted rather than refused as "already running": start self-heals once the engine is back.
            if (await environment.AttachExistingAsync(next, lifetime))
            {
                SetState(ServerStates.Running);
                return null;
            }
            // Nothing of this server runs now; the runtime hands the folder to the game's user right after.
            await configFiles.ApplyAsync(lifetime);
            await environment.StartAsync(next, lifetime);
        }
        catch (EnvironmentException e)
        {
            exited.TrySetResult();
            ServerLog.StartFailed(logger, uuid, e.Message);
            // The requester gets `daemon error`; everyone watching the console learns why nothing runs.
            console.Notice("The server could not be started: " + e.Notice);
            SetState(ServerStates.Offline);
            return e.Message;
        }
        if (console.HasNoDoneMarker)
        {
            SetState(ServerStates.Running);
        }
        return null;
    }

    private async Task StopCoreAsync(TimeSpan? killAfter = null)
    {
        if (State == ServerStates.Offline)
        {
            return;
        }
        SetState(ServerStates.Stopping);
        var stop = configuration().ProcessConfiguration.Stop;
        try
        {
            // Other panels also send `stop` (the engine's own stop: SIGTERM) and an empty type (a signal).
            if (stop.Type is "signal" or "")
            {
                await environment.SignalAsync(StopSignal.Of(stop.Value), lifetime);
            }
            else if (stop.Type == "stop")
            {
                await environment.SignalAsync("SIGTERM", lifetime);
            }
            else
            {
                await environment.WriteLineAsync(stop.Value, lifetime);
            }
        }
        catch (EnvironmentException e)
        {
            console.Notice("stop action failed, killing the server: " + e.Message);
            await environment.KillAsync(lifetime);
        }
        try
        {
            await exited.Task.WaitAsync(killAfter ?? stopTimeout, time);
        }
        catch (TimeoutException)
        {
            console.Notice("Server did not stop in time, killing it.");
            await environment.KillAsync(lifetime);
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
        await environment.KillAsync(lifetime);
        return null;
    }

    private void OnExited(EnvironmentExit exit)
    {
        console.Flush();
        bool crashed;
        TaskCompletionSource run;
        lock (gate)
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
        console.Notice(SocketErrors.CrashDetected);
        console.Notice("Exit code: " + exit.ExitCode.ToString(CultureInfo.InvariantCulture));
        console.Notice("Out of memory: " + (exit.OutOfMemory ? "true" : "false"));
        if (!configuration().Settings.CrashDetectionEnabled)
        {
            return;
        }
        if (!crashGuard.RecordCrash())
        {
            console.Notice(SocketErrors.CrashAborted);
            return;
        }
        var error = await LockedPowerAsync(PowerActions.Start, TimeSpan.Zero);
        if (error is not null)
        {
            console.Notice("Automatic restart failed: " + error);
        }
    }
}
