using System.Text.Json;
using Aerie.Contracts;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Events;
using Aerie.Node.Servers;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Backups;

/// <summary>
/// Restoring a backup (spec 07 §5), in Aerie's order (beyond Wings): take the server's backup lock; mark it
/// *restoring* (power refused); stop the game (its stop action, killed after 2 min); verify the archive's checksum;
/// only then empty the root if asked and extract through the confined, quota-checked writer; end with the completion
/// message, `backup restore completed`, the durable report to the panel, and the server released.
/// </summary>
internal sealed partial class BackupRestore(BackupService backups, BackupLocks locks, BackupReporter reporter, ArchiveExtractor extractor,
    TimeProvider time, ILogger<BackupRestore> logger)
{
    public static readonly TimeSpan KillAfter = TimeSpan.FromMinutes(2);
    public const string LocalCompleted = "Completed server restoration from local backup.";
    public const string S3Completed = "Completed server restoration from S3 backup.";
    private static readonly TimeSpan PowerWait = TimeSpan.FromSeconds(30);

    public string? Begin(GameServer server, IBackupAdapter adapter, string backup, RestoreRequest request)
    {
        if (!locks.TryTake(server.Uuid))
        {
            return BackupErrors.Busy;
        }
        backups.Track(Task.Run(() => RunAsync(server, adapter, backup, request), CancellationToken.None));
        return null;
    }

    private async Task RunAsync(GameServer server, IBackupAdapter adapter, string backup, RestoreRequest request)
    {
        var ct = backups.Stopping;
        var successful = false;
        var claimed = false;
        void Message(string text) => server.Frames.Publish(FrameEncoder.Frame(SocketEvents.DaemonMessage, null, text));
        try
        {
            claimed = await server.BeginRestoreAsync(PowerWait);
            if (!claimed)
            {
                throw new BackupException("another power action kept the server busy; nothing was restored");
            }
            await server.StopForRestoreAsync(KillAfter);
            await using (var archive = await adapter.OpenVerifiedAsync(server.Uuid, backup, request.DownloadUrl, ct))
            {
                var progress = new RestoreProgress(Message, time);
                await extractor.ExtractAsync(server, archive, request.TruncateDirectory, progress, ct);
                progress.Summary();
            }
            successful = true;
            LogRestored(logger, backup, server.Uuid);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // daemon stopping: reported as failed below
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BackupException or InvalidDataException or FormatException or InvalidOperationException)
        {
            LogFailed(logger, backup, server.Uuid, e.Message);
            Message("Restore failed: " + e.Message);
        }
        finally
        {
            // Released before anyone hears the outcome: a client or panel acting on "completed" finds the server free.
            if (claimed)
            {
                server.EndRestore();
            }
            locks.Release(server.Uuid);
        }
        try
        {
            Message(adapter.Name == BackupAdapters.S3 ? S3Completed : LocalCompleted);
            server.Frames.Publish(FrameEncoder.Frame(SocketEvents.BackupRestoreCompleted, null, ""));
            var report = new PendingReport(PendingReport.Restore, server.Uuid, backup,
                JsonSerializer.Serialize(new RestoreReport(successful), ContractsJson.Options), time.GetUtcNow());
            await reporter.SubmitAsync(report, ct);
        }
        catch (OperationCanceledException)
        {
            // daemon stopping: the spooled report goes out at the next start
        }
    }

    [LoggerMessage(EventId = 820, Level = LogLevel.Information, Message = "Backup {Backup} restored onto {Server}")]
    private static partial void LogRestored(ILogger logger, string backup, string server);

    [LoggerMessage(EventId = 821, Level = LogLevel.Warning, Message = "Restoring backup {Backup} onto {Server} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string backup, string server, string reason);
}
