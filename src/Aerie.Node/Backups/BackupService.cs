using System.Text.Json;
using Aerie.Contracts;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.Permissions;
using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Configuration;
using Aerie.Node.Events;
using Aerie.Node.Servers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Backups;

/// <summary>
/// Creating and deleting backups (spec 07 §2-§4). Map: <see cref="Begin"/> takes the server's lock (one backup or
/// restore at a time) and answers at once; the work waits for a node-wide slot (<see cref="BackupQueue"/>), writes the
/// archive through the adapter, hands the report to the <see cref="BackupReporter"/> (durable, retried), then publishes
/// `backup completed` to tokens holding <c>backup.read</c>. A deleted server's backups go with it
/// (<c>remove_backups_on_server_delete</c>).
/// </summary>
internal sealed partial class BackupService(NodeConfig config, ServerManager servers, BackupLocks locks, BackupReporter reporter,
    IEnumerable<IBackupAdapter> adapters, TimeProvider time, ILogger<BackupService> logger) : IHostedService, IDisposable
{
    private readonly BackupQueue queue = new(config.System.Backups.Concurrency);
    private readonly CancellationTokenSource stopping = new();
    private readonly Dictionary<string, IBackupAdapter> byName = adapters.ToDictionary(a => a.Name, StringComparer.Ordinal);
    private readonly List<Task> running = [];

    public NodeConfig Config => config;

    public IBackupAdapter? Adapter(string? name) => name is not null && byName.TryGetValue(name, out var a) ? a : null;

    /// <summary>Starts a backup in the background; null when under way, else why not (the server's lock is held).</summary>
    public string? Begin(GameServer server, IBackupAdapter adapter, string backup, string? ignore)
    {
        if (!locks.TryTake(server.Uuid))
        {
            return BackupErrors.Busy;
        }
        Track(Task.Run(() => RunAsync(server, adapter, backup, ignore), CancellationToken.None));
        return null;
    }

    /// <summary>Deletes a local archive (and sidecar); false when there is none.</summary>
    public bool Delete(string server, string backup)
    {
        if (BackupPaths.Find(config, server, backup) is not { } archive)
        {
            return false;
        }
        BackupPaths.Delete(config, server, archive);
        return true;
    }

    /// <summary>Removes the server's backup folder (Pelican's deleteAllBackups).</summary>
    public void DeleteAll(string server)
    {
        var folder = BackupPaths.ServerFolder(config, server);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        servers.Removed += OnServerRemoved;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        servers.Removed -= OnServerRemoved;
        await stopping.CancelAsync();
        Task[] left;
        lock (running)
        {
            left = [.. running];
        }
        await Task.WhenAll(left).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose() => stopping.Dispose();

    /// <summary>Keeps background work visible to <see cref="StopAsync"/> until it ends.</summary>
    public void Track(Task task)
    {
        lock (running)
        {
            running.Add(task);
        }
        _ = task.ContinueWith(t =>
        {
            lock (running)
            {
                running.Remove(t);
            }
        }, TaskScheduler.Default);
    }

    public CancellationToken Stopping => stopping.Token;

    private void OnServerRemoved(string server)
    {
        if (!config.System.Backups.RemoveBackupsOnServerDelete)
        {
            return;
        }
        try
        {
            DeleteAll(server);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogRemoveFailed(logger, server, e.Message);
        }
    }

    private async Task RunAsync(GameServer server, IBackupAdapter adapter, string backup, string? ignore)
    {
        BackupReport report;
        try
        {
            using (await queue.EnterAsync(stopping.Token))
            {
                var root = server.WorkingDirectory;
                var ignored = BackupIgnore.Matcher(root, ignore);
                var result = await adapter.CreateAsync(server.Uuid, root, backup, ignored, stopping.Token);
                report = new BackupReport(true, result.Sha1, "sha1", result.Size, null);
                LogCreated(logger, backup, server.Uuid, result.Size);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Daemon stopping: the backup stays pending on the panel, which marks it failed after prune_age.
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BackupException or InvalidOperationException or ArgumentException)
        {
            LogFailed(logger, backup, server.Uuid, e.Message);
            server.Notice("Backup failed: " + e.Message);
            report = BackupReport.Failed;
        }
        finally
        {
            locks.Release(server.Uuid);
        }
        var pending = new PendingReport(PendingReport.Completion, server.Uuid, backup, JsonSerializer.Serialize(report, ContractsJson.Options), time.GetUtcNow());
        await reporter.SubmitAsync(pending, stopping.Token);
        var payload = new BackupCompletedPayload(report.Checksum, report.ChecksumType, report.Size, report.Successful, backup);
        server.Frames.Publish(FrameEncoder.Frame(SocketEvents.BackupCompleted, Permission.BackupRead, JsonSerializer.Serialize(payload, ContractsJson.Options)));
    }

    [LoggerMessage(EventId = 810, Level = LogLevel.Information, Message = "Backup {Backup} of {Server} written ({Size} bytes)")]
    private static partial void LogCreated(ILogger logger, string backup, string server, long size);

    [LoggerMessage(EventId = 811, Level = LogLevel.Warning, Message = "Backup {Backup} of {Server} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string backup, string server, string reason);

    [LoggerMessage(EventId = 812, Level = LogLevel.Warning, Message = "Could not remove the backups of deleted server {Server}: {Reason}")]
    private static partial void LogRemoveFailed(ILogger logger, string server, string reason);
}
