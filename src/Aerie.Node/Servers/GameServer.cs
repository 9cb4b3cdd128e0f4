using System.Globalization;
using Aerie.Contracts.Permissions;
using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Configuration;
using Aerie.Node.Environments;
using Aerie.Node.Events;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Servers;

/// <summary>One game server: the state machine (offline → starting → running → stopping → offline), power
/// actions under one lock (kill preempts), crash detection with auto-restart guard, and the console path.
/// Map: Power* (start/stop/restart/kill) → OnExited (crash handling) → OnOutput/OnLine (hot path:
/// split → history + disk → done marker → throttle → fan-out) → stats loop.</summary>
internal sealed partial class GameServer : IAsyncDisposable
{
    private readonly NodeConfig config;
    private readonly IServerEnvironment environment;
    private readonly ActivityRecorder activity;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Lock stateGate = new();
    private readonly SemaphoreSlim powerLock = new(1, 1);
    private readonly ConsoleLogFile logFile;
    private readonly ConsoleThrottle throttle;
    private readonly ConsoleLineSplitter splitter;
    private readonly CancellationTokenSource lifetime = new();
    private readonly DiskUsage disk;
    private ServerConfiguration configuration;
    private DoneMatcher done;
    private string state = ServerStates.Offline;
    private TaskCompletionSource exited = CompletedExit();
    private long? lastCrash;
    private int killGeneration;
    private Task statsLoop = Task.CompletedTask;
    private Task attaching = Task.CompletedTask;

    public GameServer(ServerConfiguration configuration, NodeConfig config, IServerEnvironment environment, ActivityRecorder activity, TimeProvider time, ILogger logger)
    {
        this.configuration = configuration;
        this.config = config;
        this.environment = environment;
        this.activity = activity;
        this.time = time;
        this.logger = logger;
        Uuid = configuration.Settings.Uuid.ToLowerInvariant();
        done = new DoneMatcher(configuration.ProcessConfiguration.Startup.Done);
        History = new ConsoleHistory(Math.Max(config.System.WebsocketLogCount, 100));
        var logPath = Path.Combine(NodePaths.LogDirectory(config), Uuid + ".log");
        // `send logs` after a daemon restart still shows what the game printed before it.
        foreach (var line in ConsoleLogTail.Read(logPath, Math.Max(config.System.WebsocketLogCount, 100)))
        {
            History.Add(line);
        }
        logFile = new ConsoleLogFile(logPath, config.System.LogMaxBytes, config.System.LogKeep);
        throttle = new ConsoleThrottle(config.Throttles.Lines, TimeSpan.FromMilliseconds(config.Throttles.LineResetInterval), time);
        splitter = new ConsoleLineSplitter(OnLine);
        disk = new DiskUsage(WorkingDirectory, time);
        environment.Output += OnOutput;
        environment.Exited += OnExited;
        environment.InstallOutput += line => Frames.Publish(FrameEncoder.Frame(SocketEvents.InstallOutput, Permission.AdminInstall, line));
    }

    public string Uuid { get; }
    public FanOut<OutboundFrame> Frames { get; } = new();
    public FanOut<ServerSignal> Signals { get; } = new();
    public ConsoleHistory History { get; }
    public string LogFilePath => logFile.FilePath;
    public ServerConfiguration Configuration => Volatile.Read(ref configuration);
    public bool IsSuspended => Configuration.Settings.Suspended;
    public string WorkingDirectory => NodePaths.ServerDirectory(config, Uuid);

    public string State
    {
        get
        {
            lock (stateGate)
            {
                return state;
            }
        }
    }

    public void StartBackground() => statsLoop = StatsLoopAsync(lifetime.Token);

    public void UpdateConfiguration(ServerConfiguration next)
    {
        var wasSuspended = IsSuspended;
        Volatile.Write(ref configuration, next);
        done = new DoneMatcher(next.ProcessConfiguration.Startup.Done);
        if (next.Settings.Suspended && !wasSuspended)
        {
            Signals.Publish(ServerSignal.Suspended);
            _ = PowerAsync(PowerActions.Kill, Actor.Daemon);
        }
    }

    /// <summary>Publishes a daemon notice as a console line (kept in history and on disk, never throttled).</summary>
    public void Notice(string text)
    {
        var line = SocketErrors.DaemonNotice(text);
        History.Add(line);
        logFile.Append(line);
        Frames.Publish(ServerFrames.Console(line));
    }

    public async Task<StatsPayload> GetStatsAsync()
    {
        var current = State;
        var limit = Configuration.Settings.Build.MemoryLimit * 1024 * 1024;
        if (current == ServerStates.Offline)
        {
            return StatsPayload.Zero(current, limit) with { DiskBytes = disk.Bytes() };
        }
        var s = await environment.GetStatsAsync(lifetime.Token);
        return new StatsPayload(s.MemoryBytes, s.MemoryLimitBytes > 0 ? s.MemoryLimitBytes : limit, s.CpuAbsolute,
            new NetworkStats(s.RxBytes, s.TxBytes), s.UptimeMs, current, disk.Bytes());
    }

    /// <summary>Writes a console command when starting/running (ignored otherwise). Returns an error reason or null.</summary>
    public async Task<string?> SendCommandAsync(string line, Actor actor)
    {
        if (line.Any(c => char.IsControl(c) && c != '\t'))
        {
            return "command contains control characters (CR, LF or similar) and was refused";
        }
        var current = State;
        if (current is not (ServerStates.Starting or ServerStates.Running))
        {
            return null;
        }
        var stop = Configuration.ProcessConfiguration.Stop;
        if (stop.Type == "command" && line == stop.Value)
        {
            SetState(ServerStates.Stopping);
        }
        try
        {
            await environment.WriteLineAsync(line, lifetime.Token);
        }
        catch (EnvironmentException e)
        {
            return e.Message;
        }
        activity.Record(actor, Uuid, Contracts.RemoteApi.ActivityEvents.ConsoleCommand, new Dictionary<string, string> { ["command"] = line });
        return null;
    }

    public ValueTask DisposeAsync() => ReleaseAsync(killRunning: true);

    /// <summary>Stops watching the server; <paramref name="killRunning"/> false leaves a container running
    /// for the next daemon start to re-attach (Docker), true kills the game (process runtime, deletion).</summary>
    public async ValueTask ReleaseAsync(bool killRunning)
    {
        await lifetime.CancelAsync();
        await statsLoop;
        await attaching.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        if (killRunning && environment.IsRunning)
        {
            await environment.KillAsync(CancellationToken.None);
            await exited.Task.WaitAsync(TimeSpan.FromSeconds(10), time).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        await environment.DisposeAsync();
        // A detached container's unterminated last output still reaches the log (its rest follows after re-attach).
        splitter.Flush();
        await logFile.DisposeAsync();
        lifetime.Dispose();
        powerLock.Dispose();
    }

    private static TaskCompletionSource CompletedExit()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tcs.SetResult();
        return tcs;
    }

    private void SetState(string next)
    {
        lock (stateGate)
        {
            if (state == next)
            {
                return;
            }
            state = next;
            Frames.Publish(ServerFrames.Status(next));
            if (next == ServerStates.Offline)
            {
                Frames.Publish(ServerFrames.Stats(StatsPayload.Zero(next, Configuration.Settings.Build.MemoryLimit * 1024 * 1024)));
            }
        }
        LogState(Uuid, next);
    }

    private async Task StatsLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(config.System.StatsInterval), time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (State != ServerStates.Offline)
                {
                    var stats = await GetStatsAsync();
                    if (stats.State != ServerStates.Offline)
                    {
                        Frames.Publish(ServerFrames.Stats(stats));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // server removed or daemon stopping
        }
    }

    private static string Format(long n) => n.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "server {Server} is now {State}")]
    private partial void LogState(string server, string state);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "server {Server} could not be started: {Reason}")]
    private partial void LogStartFailed(string server, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "server {Server}: could not check for a running game to re-attach: {Reason}")]
    private partial void LogAttachFailed(string server, string reason);
}
