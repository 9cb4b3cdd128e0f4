using System.Net;
using Aerie.Node.Configuration;
using Aerie.Node.Panel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Backups;

/// <summary>
/// Delivers backup reports to the panel (spec 07 §4, beyond Wings): each is spooled durably (<see cref="BackupReportSpool"/>)
/// before its first attempt and retried with backoff (1 s doubling to 5 min) on network errors and 5xx for up to 24 h,
/// across daemon restarts. A finished archive is never deleted because the panel was unreachable: only a 403/404 to a
/// completion report deletes it (the panel disowns the backup); a 400 "already completed" means an earlier attempt landed.
/// </summary>
internal sealed partial class BackupReporter(BackupReportSpool spool, PanelClient panel, NodeConfig config, TimeProvider time, ILogger<BackupReporter> logger)
    : BackgroundService
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private readonly Lock gate = new();
    private readonly Dictionary<string, (DateTimeOffset Due, TimeSpan Backoff)> schedule = [];
    private readonly HashSet<string> inFlight = [];

    /// <summary>Spools <paramref name="report"/> and makes its first attempt now; a retryable failure leaves it to the loop.</summary>
    public async Task<ReportOutcome> SubmitAsync(PendingReport report, CancellationToken ct)
    {
        spool.Add(report);
        lock (gate)
        {
            inFlight.Add(report.Key);
        }
        return await AttemptAsync(report, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var report in spool.All())
                {
                    if (Claim(report))
                    {
                        await AttemptAsync(report, stoppingToken);
                    }
                }
                await Task.Delay(Poll, time, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down: what is left waits in the spool for the next start
        }
    }

    /// <summary>True when the report is due and no one else is sending it.</summary>
    private bool Claim(PendingReport report)
    {
        lock (gate)
        {
            if (inFlight.Contains(report.Key) || (schedule.TryGetValue(report.Key, out var next) && next.Due > time.GetUtcNow()))
            {
                return false;
            }
            inFlight.Add(report.Key);
            return true;
        }
    }

    private async Task<ReportOutcome> AttemptAsync(PendingReport report, CancellationToken ct)
    {
        var outcome = ReportOutcome.Retrying;
        try
        {
            outcome = await SendAsync(report, ct);
            if (outcome == ReportOutcome.Retrying && time.GetUtcNow() - report.FirstAt > GiveUpAfter)
            {
                LogGaveUp(logger, report.Kind, report.Backup);
                outcome = ReportOutcome.GaveUp;
            }
            if (outcome == ReportOutcome.Disowned && BackupPaths.Find(config, report.Server, report.Backup) is { } archive)
            {
                BackupPaths.Delete(config, report.Server, archive);
            }
            if (outcome != ReportOutcome.Retrying)
            {
                spool.Remove(report);
            }
            return outcome;
        }
        finally
        {
            lock (gate)
            {
                inFlight.Remove(report.Key);
                if (outcome == ReportOutcome.Retrying)
                {
                    var backoff = schedule.TryGetValue(report.Key, out var last) ? TimeSpan.FromTicks(Math.Min(last.Backoff.Ticks * 2, MaxBackoff.Ticks)) : FirstBackoff;
                    schedule[report.Key] = (time.GetUtcNow() + backoff, backoff);
                }
                else
                {
                    schedule.Remove(report.Key);
                }
            }
        }
    }

    private async Task<ReportOutcome> SendAsync(PendingReport report, CancellationToken ct)
    {
        if (!panel.IsConfigured)
        {
            return ReportOutcome.Delivered; // a node without a panel has no one to tell
        }
        var restore = report.Kind == PendingReport.Restore;
        HttpStatusCode status;
        string body;
        try
        {
            (status, body) = await panel.PostBackupReportAsync(report.Backup, restore, report.Body, ct);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            LogRetry(logger, report.Kind, report.Backup, e.Message);
            return ReportOutcome.Retrying;
        }
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            return ReportOutcome.Delivered;
        }
        if (code >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            LogRetry(logger, report.Kind, report.Backup, $"the panel answered {code}");
            return ReportOutcome.Retrying;
        }
        if (!restore && status == HttpStatusCode.BadRequest && body.Contains(Aerie.Contracts.RemoteApi.BackupReportAnswers.AlreadyCompleted, StringComparison.Ordinal))
        {
            return ReportOutcome.Landed;
        }
        if (!restore && status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            LogDisowned(logger, report.Backup, code);
            return ReportOutcome.Disowned;
        }
        LogRefused(logger, report.Kind, report.Backup, code, body);
        return ReportOutcome.Refused;
    }

    [LoggerMessage(EventId = 800, Level = LogLevel.Warning, Message = "Backup {Kind} report for {Backup} not delivered, will retry: {Reason}")]
    private static partial void LogRetry(ILogger logger, string kind, string backup, string reason);

    [LoggerMessage(EventId = 801, Level = LogLevel.Warning, Message = "The panel does not know backup {Backup} ({Status}); its archive is deleted")]
    private static partial void LogDisowned(ILogger logger, string backup, int status);

    [LoggerMessage(EventId = 802, Level = LogLevel.Error, Message = "The panel refused the backup {Kind} report for {Backup} ({Status}): {Body}")]
    private static partial void LogRefused(ILogger logger, string kind, string backup, int status, string body);

    [LoggerMessage(EventId = 803, Level = LogLevel.Error, Message = "Gave up the backup {Kind} report for {Backup} after 24 h; the archive is kept")]
    private static partial void LogGaveUp(ILogger logger, string kind, string backup);
}
