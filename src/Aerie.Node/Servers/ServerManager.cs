using System.Collections.Concurrent;
using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;
using Aerie.Node.ConfigFiles;
using Aerie.Node.Configuration;
using Aerie.Node.Environments;
using Aerie.Node.Panel;
using Aerie.Node.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Servers;

/// <summary>The node's servers: config-file servers at once, then the panel's listing (when reachable);
/// on shutdown every server is asked to stop, then killed after the shutdown timeout.</summary>
internal sealed class ServerManager(NodeConfig config, IEnvironmentFactory environments, ActivityRecorder activity, IServerInstaller installer,
    PanelClient panel, ConfigFileRewriter configFiles, TimeProvider time, ILoggerFactory loggers) : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, GameServer> servers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger logger = loggers.CreateLogger<ServerManager>();
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource booted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IEnumerable<GameServer> All => servers.Values;

    /// <summary>Raised with the server's UUID once a deleted server's files are gone (its backups may follow).</summary>
    public event Action<string>? Removed;

    /// <summary>Completes once the panel's boot listing has been applied (or could not be fetched, or there is no panel).</summary>
    public Task Booted => booted.Task;

    public bool TryGet(string uuid, out GameServer server) => servers.TryGetValue(uuid, out server!);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        PrivateFiles.CreateFolder(NodePaths.StateDirectory(config));
        foreach (var entry in config.Servers)
        {
            AddOrUpdate(entry.ToConfiguration());
        }
        if (panel.IsConfigured)
        {
            _ = Task.Run(() => BootFromPanelAsync(stopping.Token), CancellationToken.None);
        }
        else
        {
            booted.TrySetResult();
        }
        return Task.CompletedTask;
    }

    public GameServer AddOrUpdate(ServerConfiguration configuration)
    {
        var uuid = configuration.Settings.Uuid;
        // The UUID names a folder under system.data: anything but a UUID could point elsewhere.
        if (!Guid.TryParseExact(uuid, "D", out _))
        {
            throw new ArgumentException($"server uuid '{uuid}' is not a UUID", nameof(configuration));
        }
        if (servers.TryGetValue(uuid, out var existing))
        {
            existing.UpdateConfiguration(configuration);
            return existing;
        }
        var server = new GameServer(configuration, config, environments.Create(uuid.ToLowerInvariant()), activity, installer, panel, configFiles, time, loggers.CreateLogger<GameServer>());
        if (!servers.TryAdd(uuid, server))
        {
            _ = server.DisposeAsync().AsTask();
            return servers[uuid];
        }
        Directory.CreateDirectory(server.WorkingDirectory);
        server.StartBackground();
        _ = server.AttachAsync();
        return server;
    }

    /// <summary>Fetches one server's configuration from the panel and applies it (create or sync).</summary>
    public async Task<GameServer> SyncFromPanelAsync(string uuid, CancellationToken ct) =>
        AddOrUpdate(await panel.GetServerAsync(uuid, ct));

    /// <summary>Stops and forgets a server; its sockets get `deleted` and close 1001; its files are removed.</summary>
    public async Task RemoveAsync(GameServer server)
    {
        if (!servers.TryRemove(server.Uuid, out _))
        {
            return;
        }
        server.Signals.Publish(ServerSignal.Deleted);
        await server.DisposeAsync();
        try
        {
            Directory.Delete(server.WorkingDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // nothing on disk
        }
        Removed?.Invoke(server.Uuid);
    }

    /// <summary>Process runtime: games are children of the daemon, so they are stopped (then killed).
    /// Containers keep running and are re-attached at the next start, like Wings does.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        var grace = TimeSpan.FromSeconds(config.Power.ShutdownTimeout);
        var stopGames = config.Runtime == "process";
        await Task.WhenAll(servers.Values.Select(async s =>
        {
            if (!stopGames)
            {
                await s.ReleaseAsync(killRunning: false);
                return;
            }
            if (s.State != ServerStates.Offline)
            {
                _ = s.PowerAsync(PowerActions.Stop, Actor.Daemon);
                await s.WaitForExitAsync(grace);
            }
            await s.DisposeAsync();
        }));
        servers.Clear();
    }

    private async Task BootFromPanelAsync(CancellationToken ct)
    {
        try
        {
            await panel.ResetAsync(ct);
            var listing = await panel.GetServersAsync(ct);
            foreach (var entry in listing)
            {
                try
                {
                    AddOrUpdate(new ServerConfiguration(entry.Settings, entry.ProcessConfiguration));
                }
                catch (ArgumentException e)
                {
                    logger.LogWarning("skipping a server from the panel: {Reason}", e.Message);
                }
            }
            logger.LogInformation("loaded {Count} servers from the panel", listing.Count);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            logger.LogWarning("the panel at {Remote} is unreachable ({Reason}); running with config-file servers only", config.Remote, e.Message);
        }
        finally
        {
            booted.TrySetResult();
        }
    }

    public void Dispose() => stopping.Dispose();
}
