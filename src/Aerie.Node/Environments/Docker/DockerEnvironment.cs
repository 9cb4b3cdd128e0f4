using System.Globalization;
using System.Text.RegularExpressions;
using Aerie.Node.Storage;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Environments.Docker;

/// <summary>
/// One server as a container named <c>aerie-&lt;uuid&gt;</c>. Map of the steps:
/// start: connect → pull image if missing → remove a stopped leftover → ensure the network → hand the folder to the
/// container user → create → start → watch;
/// attach (daemon restart): find the container by name → resume its console from the saved cursor → watch;
/// watch: read the log after the cursor (Docker: one follow stream; Podman: polled reads, see
/// <see cref="LogFollower"/>) until the container stops, read once more, then raise <see cref="Exited"/> once.
/// Dispose only detaches: the container keeps running for the next daemon.
/// </summary>
internal sealed partial class DockerEnvironment(DockerRuntimeOptions options, string serverUuid, ILogger logger, TimeProvider time)
    : IServerEnvironment
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly SemaphoreSlim lifecycle = new(1, 1);
    private readonly LogCursorStore cursors = new(options.StateDirectory, serverUuid);
    private DockerEngine? currentEngine;
    private LogFollower? currentFollower;
    private StatsSampler? currentSampler;
    private volatile ContainerRun? currentRun;
    private int disposed;

    public event Action<ReadOnlyMemory<byte>>? Output;

    public event Action<EnvironmentExit>? Exited;

    public event Action<string>? InstallOutput;

    public bool IsRunning => currentRun is { Running: true };

    private string Name => ContainerNames.For(serverUuid);

    public async Task StartAsync(EnvironmentSpec spec, CancellationToken cancellationToken)
    {
        await lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (IsRunning)
            {
                throw new EnvironmentException("server is already running");
            }
            var engine = await ConnectAsync(cancellationToken);
            await ContainerOperations.Guard(engine, () => new ImagePuller(engine, time).EnsureAsync(spec.Image, line => Raise(InstallOutput, line), cancellationToken));
            await ContainerOperations.Guard(engine, () => ContainerOperations.RemoveLeftoverAsync(engine, serverUuid, cancellationToken));
            var defaults = options.Defaults;
            if (await ContainerOperations.Guard(engine, () => ContainerNetwork.EnsureAsync(engine, defaults.NetworkName, cancellationToken)) is { } warnings)
            {
                DockerLog.NetworkCreated(logger, defaults.NetworkName, warnings);
            }
            var gateway = await ContainerOperations.Guard(engine, () => ContainerNetwork.GatewayAsync(engine, defaults.NetworkName, cancellationToken));
            Directory.CreateDirectory(spec.WorkingDirectory);
            FolderOwner.Give(spec.WorkingDirectory, defaults.User.Uid, defaults.User.Gid); // no container of this server runs now
            cursors.Delete();
            var created = await ContainerOperations.Guard(engine, () => engine.Client.Containers.CreateContainerAsync(
                ContainerSpecBuilder.Build(spec, Path.GetFullPath(spec.WorkingDirectory), defaults, engine.IsPodman, gateway), cancellationToken));
            DockerLog.Created(logger, serverUuid, created.ID, spec.Image);
            foreach (var warning in created.Warnings ?? [])
            {
                DockerLog.CreateWarning(logger, serverUuid, warning);
            }
            try
            {
                await ContainerOperations.Guard(engine, () => engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken));
            }
            catch (EnvironmentException e)
            {
                await ContainerOperations.RemoveQuietlyAsync(engine, created.ID);
                throw new EnvironmentException($"Container for server {serverUuid} could not be started: {e.Message}", e);
            }
            var inspected = await ContainerOperations.Guard(engine, () => engine.Client.Containers.InspectContainerAsync(created.ID, cancellationToken));
            BeginRun(engine, inspected, resume: null);
        }
        finally
        {
            lifecycle.Release();
        }
    }

    public async Task<bool> AttachExistingAsync(EnvironmentSpec spec, CancellationToken cancellationToken)
    {
        await lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (IsRunning)
            {
                return true;
            }
            var engine = await ConnectAsync(cancellationToken);
            var inspected = await ContainerOperations.Guard(engine, () => ContainerOperations.InspectOrNullAsync(engine, Name, cancellationToken));
            if (inspected is null || !ContainerOperations.IsOurs(inspected, serverUuid))
            {
                return false;
            }
            var resume = cursors.Load(inspected.ID);
            if (inspected.State is not { Running: true })
            {
                // Only on the first look of this daemon: after a run it watched, the log was read to its end.
                if (resume is not null && currentFollower is null)
                {
                    await DrainExitedAsync(engine, inspected.ID, resume, cancellationToken);
                }
                return false;
            }
            DockerLog.Reattached(logger, serverUuid, inspected.ID, resume is null ? "whole log" : resume.At.ToString("O", CultureInfo.InvariantCulture));
            BeginRun(engine, inspected, resume);
            return true;
        }
        finally
        {
            lifecycle.Release();
        }
    }

    public Task WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        var run = currentRun is { Running: true } r ? r : throw new EnvironmentException("server is not running");
        return ContainerOperations.Guard(run.Engine, () => run.Stdin.WriteLineAsync(line, cancellationToken));
    }

    public async Task SignalAsync(string signal, CancellationToken cancellationToken)
    {
        if (!SignalName().IsMatch(signal))
        {
            throw new EnvironmentException($"'{signal}' is not a signal name");
        }
        if (currentRun is not { Running: true } run)
        {
            return;
        }
        if (signal is "SIGKILL" or "KILL")
        {
            run.MarkKillRequested();
        }
        try
        {
            await ContainerOperations.Guard(run.Engine, () => run.Engine.Client.Containers.KillContainerAsync(run.ContainerId, new ContainerKillParameters { Signal = signal }, cancellationToken));
        }
        catch (EnvironmentException e) when (e.InnerException is DockerContainerNotFoundException or DockerApiException { StatusCode: System.Net.HttpStatusCode.Conflict })
        {
            // Already gone or not running: the watcher reports the exit.
        }
    }

    public Task KillAsync(CancellationToken cancellationToken) => SignalAsync("SIGKILL", cancellationToken);

    public async Task<EnvironmentStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        if (currentRun is not { Running: true } run || currentSampler is not { } sampler)
        {
            return EnvironmentStats.Zero;
        }
        try
        {
            return await sampler.SampleAsync(run.ContainerId, run.StartedAt, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (DockerEngine.IsTransport(e) || e is DockerApiException)
        {
            DockerLog.StatsFailed(logger, serverUuid, e);
            return EnvironmentStats.Zero;
        }
    }

    public async Task DestroyAsync(CancellationToken cancellationToken)
    {
        await lifecycle.WaitAsync(cancellationToken);
        try
        {
            await DetachAsync();
            var engine = await ConnectAsync(cancellationToken);
            var inspected = await ContainerOperations.Guard(engine, () => ContainerOperations.InspectOrNullAsync(engine, Name, cancellationToken));
            if (inspected is not null && ContainerOperations.IsOurs(inspected, serverUuid))
            {
                await ContainerOperations.Guard(engine, () => ContainerOperations.ForceRemoveAsync(engine, inspected, cancellationToken));
            }
            cursors.Delete();
        }
        finally
        {
            lifecycle.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        await lifecycle.WaitAsync();
        try
        {
            await DetachAsync();
            currentEngine?.Dispose();
            currentEngine = null;
        }
        finally
        {
            lifecycle.Release();
        }
        lifecycle.Dispose();
    }

    /// <summary>A container we watched exited while the daemon was away: what it printed after the cursor still
    /// reaches the console (and its on-disk log), once; then it stays as it is until the next start.</summary>
    private async Task DrainExitedAsync(DockerEngine engine, string containerId, LogCursor resume, CancellationToken cancellationToken)
    {
        var follower = new LogFollower(engine, cursors, time);
        currentFollower = follower; // read once: a start right after must not read it again
        follower.Reset(resume);
        try
        {
            await ContainerOperations.Guard(engine, () => options.FollowLogs ?? !engine.IsPodman
                ? follower.FollowAsync(containerId, follow: false, RaiseOutput, cancellationToken)
                : follower.PollAsync(containerId, final: true, RaiseOutput, cancellationToken));
        }
        finally
        {
            follower.Flush();
        }
    }

    private void BeginRun(DockerEngine engine, ContainerInspectResponse inspected, LogCursor? resume)
    {
        var startedAt = EngineTimestamp.TryParse(inspected.State?.StartedAt, out var s) ? s : time.GetUtcNow();
        var run = new ContainerRun(engine, inspected.ID, startedAt, inspected.HostConfig?.Memory ?? 0, inspected.HostConfig?.OomKillDisable ?? false, new StdinChannel(engine, inspected.ID));
        currentRun?.Dispose(); // the previous run has exited (callers checked IsRunning)
        currentFollower = new LogFollower(engine, cursors, time);
        currentSampler = new StatsSampler(engine);
        currentRun = run;
        run.Pump = Task.Run(() => WatchAsync(engine, run, currentFollower, resume));
    }

    private async Task WatchAsync(DockerEngine engine, ContainerRun run, LogFollower follower, LogCursor? resume)
    {
        var token = run.Detach.Token;
        follower.Reset(resume);
        State state;
        try
        {
            var follow = options.FollowLogs ?? !engine.IsPodman;
            state = follow ? await FollowUntilExitAsync(engine, run, follower, token) : await PollUntilExitAsync(engine, run, follower, token);
            await ReadLogAsync(() => !follow
                ? follower.PollAsync(run.ContainerId, final: true, RaiseOutput, token)
                : follower.FollowAsync(run.ContainerId, follow: false, RaiseOutput, token), token); // whatever a stream missed at the end
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return; // detached (dispose/destroy): the container is not ours to report on any more
        }
        finally
        {
            follower.Flush();
        }
        var exit = ExitClassifier.Classify(state, run);
        run.Running = false;
        await run.Stdin.DisposeAsync();
        DockerLog.Exited(logger, serverUuid, exit.ExitCode, exit.OutOfMemory);
        Raise(Exited, exit);
    }

    private async Task<State> FollowUntilExitAsync(DockerEngine engine, ContainerRun run, LogFollower follower, CancellationToken token)
    {
        while (true)
        {
            await ReadLogAsync(() => follower.FollowAsync(run.ContainerId, follow: true, RaiseOutput, token), token);
            if (await ExitedStateAsync(engine, run.ContainerId, token) is { } state)
            {
                return state; // the engine ends the follow when the container stops
            }
        }
    }

    private async Task<State> PollUntilExitAsync(DockerEngine engine, ContainerRun run, LogFollower follower, CancellationToken token)
    {
        var exit = WaitForExitAsync(engine, run.ContainerId, token);
        while (true)
        {
            var began = time.GetTimestamp();
            await ReadLogAsync(() => follower.PollAsync(run.ContainerId, final: false, RaiseOutput, token), token);
            if (exit.IsCompleted)
            {
                return await exit;
            }
            // A read costs Podman a scan of the whole log: keep polling to at most a fifth of the time.
            var pause = TimeSpan.FromTicks(Math.Max(PollInterval.Ticks, 4 * time.GetElapsedTime(began).Ticks));
            await Task.WhenAny(exit, Task.Delay(pause, time, token));
            token.ThrowIfCancellationRequested();
        }
    }

    private async Task<State> WaitForExitAsync(DockerEngine engine, string containerId, CancellationToken token)
    {
        while (true)
        {
            try
            {
                await engine.Client.Containers.WaitContainerAsync(containerId, token);
            }
            catch (DockerContainerNotFoundException)
            {
                // Removed under us: ExitedStateAsync reports it.
            }
            catch (Exception e) when (!token.IsCancellationRequested && (DockerEngine.IsTransport(e) || e is DockerApiException or OperationCanceledException))
            {
                DockerLog.EngineRetry(logger, serverUuid, e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, token);
            }
            if (await ExitedStateAsync(engine, containerId, token) is { } state)
            {
                return state;
            }
        }
    }

    /// <summary>One log read; a broken read is logged and retried by the caller's loop after a pause.</summary>
    private async Task ReadLogAsync(Func<Task> read, CancellationToken token)
    {
        try
        {
            await read();
        }
        catch (Exception e) when (!token.IsCancellationRequested)
        {
            DockerLog.StreamBroke(logger, serverUuid, e);
            await Task.Delay(TimeSpan.FromSeconds(1), time, token);
        }
    }

    /// <summary>The container's final state, or null when it is still running (the stream only broke).</summary>
    private async Task<State?> ExitedStateAsync(DockerEngine engine, string containerId, CancellationToken token)
    {
        while (true)
        {
            try
            {
                var inspected = await engine.Client.Containers.InspectContainerAsync(containerId, token);
                if (inspected.State is not { Running: true })
                {
                    return inspected.State ?? new State { ExitCode = -1 };
                }
                await Task.Delay(TimeSpan.FromMilliseconds(250), time, token);
                return null;
            }
            catch (DockerContainerNotFoundException)
            {
                return new State { ExitCode = -1, Status = "removed" };
            }
            catch (Exception e) when (DockerEngine.IsTransport(e) || e is DockerApiException)
            {
                DockerLog.EngineRetry(logger, serverUuid, e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, token);
            }
        }
    }

    private async Task DetachAsync()
    {
        if (currentRun is not { } run)
        {
            return;
        }
        currentRun = null;
        await run.Detach.CancelAsync();
        try
        {
            await run.Pump.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // A wedged engine call; the cursor was flushed by the pump or will be re-read from the log.
        }
        await run.Stdin.DisposeAsync();
        run.Dispose();
    }

    private void RaiseOutput(ReadOnlyMemory<byte> chunk) => Raise(Output, chunk);

    /// <summary>A throwing subscriber must not break the console pump (it would replay the same chunk forever).</summary>
    private void Raise<T>(Action<T>? handler, T value)
    {
        try
        {
            handler?.Invoke(value);
        }
        catch (Exception e)
        {
            DockerLog.SubscriberFailed(logger, serverUuid, e);
        }
    }

    private async Task<DockerEngine> ConnectAsync(CancellationToken cancellationToken) =>
        currentEngine ??= await DockerEngine.ConnectAsync(options.SocketPath, options.ApiVersion, cancellationToken);

    [GeneratedRegex("^(SIG)?[A-Z0-9+-]{2,12}$")]
    private static partial Regex SignalName();
}
