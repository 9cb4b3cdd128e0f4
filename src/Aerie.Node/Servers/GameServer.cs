using Aerie.Contracts.Permissions;
using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;
using Aerie.Node.ConfigFiles;
using Aerie.Node.Configuration;
using Aerie.Node.Environments;
using Aerie.Node.Events;
using Aerie.Node.Files;
using Aerie.Node.Panel;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Servers;

/// <summary>One game server, assembled from its jobs: the <see cref="ConsolePipeline"/> (output → lines →
/// history, disk, sockets), the <see cref="PowerStateMachine"/> (state, power actions, crash guard), the
/// <see cref="StatsPublisher"/> and the <see cref="ServerInstall"/> operation. What is left here is the
/// server's identity, its configuration, console commands, auditing and the order things are released in.</summary>
internal sealed class GameServer : IAsyncDisposable
{
    private readonly NodeConfig config;
    private readonly IServerEnvironment environment;
    private readonly ActivityRecorder activity;
    private readonly CancellationTokenSource lifetime = new();
    private readonly ConsolePipeline console;
    private readonly PowerStateMachine power;
    private readonly StatsPublisher stats;
    private readonly DiskGuard diskGuard;
    private readonly ServerInstall install;
    private ServerConfiguration configuration;
    private ParsedDenylist? denylist;

    public GameServer(ServerConfiguration configuration, NodeConfig config, IServerEnvironment environment, ActivityRecorder activity,
        IServerInstaller installer, PanelClient panel, ConfigFileRewriter configFiles, TimeProvider time, ILogger logger)
    {
        this.configuration = configuration;
        this.config = config;
        this.environment = environment;
        this.activity = activity;
        Uuid = configuration.Settings.Uuid.ToLowerInvariant();
        console = new ConsolePipeline(Uuid, config, configuration.ProcessConfiguration.Startup.Done, Frames, time);
        var disk = new DiskUsage(WorkingDirectory, time);
        Quota = new DiskQuota(disk, DiskLimitBytes);
        diskGuard = new DiskGuard(disk, DiskLimitBytes, () => power!.State, console.Notice, () => PowerAsync(PowerActions.Stop, Actor.Daemon),
            TimeSpan.FromSeconds(config.System.DiskCheckInterval), time);
        power = new PowerStateMachine(Uuid, environment, console, Frames, new CrashGuard(TimeSpan.FromSeconds(config.Power.CrashGuard), time),
            () => Configuration, () => EnvironmentSpecs.For(Uuid, WorkingDirectory, Configuration, config), StartProblems(config),
            new ServerConfigFiles(Uuid, () => WorkingDirectory, () => Configuration.ProcessConfiguration.Configs, configFiles, console.Notice),
            TimeSpan.FromSeconds(config.Power.StopTimeout), time, logger, lifetime.Token);
        stats = new StatsPublisher(environment, disk, () => power.State, MemoryLimitBytes, Frames,
            TimeSpan.FromSeconds(config.System.StatsInterval), time);
        install = new ServerInstall(Uuid, () => WorkingDirectory, () => Configuration, config, power, installer, panel, Frames, time, logger, lifetime.Token);
        environment.Output += console.Feed;
        environment.InstallOutput += line => Frames.Publish(FrameEncoder.Frame(SocketEvents.InstallOutput, Permission.AdminInstall, line));
    }

    /// <summary>The checks a start must pass, first refusal wins: the disk limit, and on the process runtime (which
    /// binds the allocations itself) the allocated ports being free.</summary>
    private Func<string?> StartProblems(NodeConfig node)
    {
        if (node.Runtime != "process")
        {
            return diskGuard.StartProblem;
        }
        var ports = new PortGuard(() => EnvironmentSpecs.For(Uuid, WorkingDirectory, Configuration, node).Ports, console.Notice);
        return () => diskGuard.StartProblem() ?? ports.StartProblem();
    }

    public string Uuid { get; }
    public FanOut<OutboundFrame> Frames { get; } = new();
    public FanOut<ServerSignal> Signals { get; } = new();
    public ConsoleHistory History => console.History;
    public string LogFilePath => console.LogFilePath;
    public ServerConfiguration Configuration => Volatile.Read(ref configuration);
    public bool IsSuspended => Configuration.Settings.Suspended;
    public string WorkingDirectory => NodePaths.ServerDirectory(config, Uuid);
    public string State => power.State;
    public bool IsInstalling => power.IsInstalling;

    /// <summary>The disk limit and usage figure every file API write is checked against (spec 06 §5).</summary>
    public DiskQuota Quota { get; }

    /// <summary>The server's files, confined to its folder, with its egg's denylist and its quota.</summary>
    /// <param name="owner">who owns what the node creates (<see cref="IServerFileOwners"/>)</param>
    public ServerFileSystem Files(FileOwner? owner)
    {
        var current = Configuration;
        var cached = Volatile.Read(ref denylist);
        if (cached is null || !ReferenceEquals(cached.For, current))
        {
            // Parsed once per configuration the panel sent, not per request.
            cached = new ParsedDenylist(current, new Denylist(current.Settings.Egg?.FileDenylist ?? []));
            Volatile.Write(ref denylist, cached);
        }
        return new ServerFileSystem(WorkingDirectory, owner, cached.List, Quota);
    }

    /// <summary>The install under way (or the last one); completes when it has released the server.</summary>
    public Task Installation => install.Running;

    public void StartBackground()
    {
        stats.Start(lifetime.Token);
        diskGuard.Start(lifetime.Token);
    }

    public void UpdateConfiguration(ServerConfiguration next)
    {
        var wasSuspended = IsSuspended;
        Volatile.Write(ref configuration, next);
        console.UpdateDoneMarkers(next.ProcessConfiguration.Startup.Done);
        if (next.Settings.Suspended && !wasSuspended)
        {
            Signals.Publish(ServerSignal.Suspended);
            _ = PowerAsync(PowerActions.Kill, Actor.Daemon);
        }
    }

    /// <summary>Publishes a daemon notice as a console line (kept in history and on disk, never throttled).</summary>
    public void Notice(string text) => console.Notice(text);

    public Task<StatsPayload> GetStatsAsync() => stats.GetAsync(lifetime.Token);

    /// <summary>Runs a power action and audits it (unless the daemon asked). Returns null on success or the
    /// reason it failed (sent as `daemon error`).</summary>
    public async Task<string?> PowerAsync(string action, Actor actor, TimeSpan lockWait = default)
    {
        if (action is not (PowerActions.Start or PowerActions.Stop or PowerActions.Restart or PowerActions.Kill))
        {
            return $"invalid power action '{action}'";
        }
        var result = await power.PowerAsync(action, lockWait);
        activity.Record(actor, Uuid, ActivityEvents.Power(action), new Dictionary<string, string> { ["result"] = result ?? "ok" });
        return result;
    }

    /// <summary>Re-attaches to a game that outlived a daemon restart (containers do; processes do not).</summary>
    public Task AttachAsync() => power.AttachAsync();

    /// <summary>Waits until the current run has exited, or the timeout passes.</summary>
    public Task WaitForExitAsync(TimeSpan timeout) => power.WaitForExitAsync(timeout);

    /// <summary>Starts an install (or reinstall) in the background. Null when it is under way; otherwise why
    /// it was refused (one is running, or a power action holds the lock).</summary>
    /// <param name="startAfter">start once a successful install is over (a new server's <c>start_on_completion</c>)</param>
    public string? Install(bool reinstall, bool startAfter = false) => install.Begin(reinstall, startAfter);

    /// <summary>Writes a console command when starting/running (ignored otherwise). Returns an error reason or null.</summary>
    public async Task<string?> SendCommandAsync(string line, Actor actor)
    {
        if (line.Any(c => char.IsControl(c) && c != '\t'))
        {
            return "command contains control characters (CR, LF or similar) and was refused";
        }
        if (State is not (ServerStates.Starting or ServerStates.Running))
        {
            return null;
        }
        var stop = Configuration.ProcessConfiguration.Stop;
        if (stop.Type == "command" && line == stop.Value)
        {
            power.StopCommandSent();
        }
        try
        {
            await environment.WriteLineAsync(line, lifetime.Token);
        }
        catch (EnvironmentException e)
        {
            return e.Message;
        }
        activity.Record(actor, Uuid, ActivityEvents.ConsoleCommand, new Dictionary<string, string> { ["command"] = line });
        return null;
    }

    public ValueTask DisposeAsync() => ReleaseAsync(killRunning: true);

    /// <summary>Stops watching the server; <paramref name="killRunning"/> false leaves a container running
    /// for the next daemon start to re-attach (Docker), true kills the game (process runtime, deletion).</summary>
    public async ValueTask ReleaseAsync(bool killRunning)
    {
        await lifetime.CancelAsync();
        await stats.Stopped;
        await diskGuard.Stopped;
        await power.Attaching;
        await install.Running.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        if (killRunning)
        {
            await power.KillForReleaseAsync();
        }
        await environment.DisposeAsync();
        // A detached container's unterminated last output still reaches the log (its rest follows after re-attach).
        console.Flush();
        await console.DisposeAsync();
        lifetime.Dispose();
        power.Dispose();
    }

    private long DiskLimitBytes() => Configuration.Settings.Build.DiskSpace * 1024 * 1024;

    private long MemoryLimitBytes() => Configuration.Settings.Build.MemoryLimit * 1024 * 1024;

    private sealed record ParsedDenylist(ServerConfiguration For, Denylist List);
}
