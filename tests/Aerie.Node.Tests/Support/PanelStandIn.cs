using System.Collections.Concurrent;
using Aerie.Contracts;
using Aerie.Contracts.RemoteApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Tests.Support;

/// <summary>Stands in for the panel's remote API (spec 03) on real Kestrel, so the node's panel client, boot
/// listing and activity shipping run for real. Like the panel it refuses bodies over 64 KiB (the panel's default
/// limit) and answers activity entry by entry; it can refuse batches (<see cref="FailActivityBatches"/>, <see cref="Down"/>)
/// to inject a panel outage and refuse single entries (<see cref="RejectCommands"/>); it serves the install scripts a test
/// gives it (<see cref="InstallScripts"/>). Backup reports (spec 07 §6) are recorded in <see cref="BackupReports"/> and
/// <see cref="RestoreReports"/>; <see cref="BackupReportsDown"/> and <see cref="BackupReportFaults"/> inject outages and refusals.</summary>
internal sealed class PanelStandIn : IAsyncDisposable
{
    private readonly WebApplication app;

    private PanelStandIn(WebApplication app) => this.app = app;

    public ConcurrentDictionary<string, ServerConfiguration> Servers { get; } = new(StringComparer.OrdinalIgnoreCase);
    public ConcurrentQueue<ActivityEntry> Activity { get; } = new();
    public ConcurrentQueue<(string Server, InstallStatus Status)> InstallReports { get; } = new();

    /// <summary>What <c>GET /api/remote/servers/{uuid}/install</c> answers per server (404 for others).</summary>
    public ConcurrentDictionary<string, InstallScript> InstallScripts { get; } = new(StringComparer.OrdinalIgnoreCase);
    public int ResetCalls;
    public int PagesServed;
    public int FailActivityBatches;

    public ConcurrentQueue<(string Backup, BackupReport Report)> BackupReports { get; } = new();
    public ConcurrentQueue<(string Backup, RestoreReport Report)> RestoreReports { get; } = new();

    /// <summary>Completion and restore reports refused with 503 (a panel outage) while true; each refusal is counted.</summary>
    public volatile bool BackupReportsDown;
    public int BackupReportsRefused;

    /// <summary>A fault answer (status, error text) given to every completion report of a backup, instead of 204.</summary>
    public ConcurrentDictionary<string, (int Status, string Error)> BackupReportFaults { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>While true every activity batch answers 503.</summary>
    public volatile bool Down;

    /// <summary>Entries whose <c>command</c> is one of these are refused on their own, as the panel refuses a stray entry.</summary>
    public ConcurrentDictionary<string, bool> RejectCommands { get; } = new(StringComparer.Ordinal);

    /// <summary>Every entry offered, stored or refused, in arrival order.</summary>
    public ConcurrentQueue<ActivityEntry> Offered { get; } = new();
    public string Url => app.Urls.First();

    public static async Task<PanelStandIn> StartAsync(string tokenId, string token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64 * 1024);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var panel = new PanelStandIn(app);
        var expected = $"Bearer {tokenId}.{token}";
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization.ToString() != expected)
            {
                context.Response.StatusCode = 403;
                return;
            }
            await next(context);
        });
        app.MapGet("/api/remote/servers", (int page, int per_page) =>
        {
            Interlocked.Increment(ref panel.PagesServed);
            var all = panel.Servers.Values.OrderBy(s => s.Settings.Uuid, StringComparer.Ordinal).ToList();
            var last = Math.Max(1, (all.Count + per_page - 1) / per_page);
            var data = all.Skip((page - 1) * per_page).Take(per_page).Select(s => new RemoteServerEntry(s.Settings.Uuid, s.Settings, s.ProcessConfiguration)).ToList();
            return Results.Json(new RemoteServerPage(data, new PageMeta(page, last, per_page, all.Count)), ContractsJson.Options);
        });
        app.MapGet("/api/remote/servers/{uuid}", (string uuid) =>
            panel.Servers.TryGetValue(uuid, out var s) ? Results.Json(s, ContractsJson.Options) : Results.NotFound());
        app.MapPost("/api/remote/servers/reset", () =>
        {
            Interlocked.Increment(ref panel.ResetCalls);
            return Results.NoContent();
        });
        app.MapGet("/api/remote/servers/{uuid}/install", (string uuid) =>
            panel.InstallScripts.TryGetValue(uuid, out var script) ? Results.Json(script, ContractsJson.Options) : Results.NotFound());
        app.MapPost("/api/remote/servers/{uuid}/install", (string uuid, InstallStatus status) =>
        {
            panel.InstallReports.Enqueue((uuid, status));
            return Results.NoContent();
        });
        app.MapPost("/api/remote/backups/{backup}", (string backup, BackupReport report) =>
        {
            if (panel.BackupReportsDown)
            {
                Interlocked.Increment(ref panel.BackupReportsRefused);
                return Results.StatusCode(503);
            }
            panel.BackupReports.Enqueue((backup, report));
            return panel.BackupReportFaults.TryGetValue(backup, out var fault)
                ? Results.Json(new { errors = new[] { new { code = "Fault", status = fault.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), detail = fault.Error } } }, statusCode: fault.Status)
                : Results.NoContent();
        });
        app.MapPost("/api/remote/backups/{backup}/restore", (string backup, RestoreReport report) =>
        {
            if (panel.BackupReportsDown)
            {
                Interlocked.Increment(ref panel.BackupReportsRefused);
                return Results.StatusCode(503);
            }
            panel.RestoreReports.Enqueue((backup, report));
            return Results.NoContent();
        });
        app.MapPost("/api/remote/activity", (ActivityBatch batch) =>
        {
            if (panel.Down || Interlocked.Decrement(ref panel.FailActivityBatches) >= 0)
            {
                return Results.StatusCode(503);
            }
            var rejected = new List<ActivityRejection>();
            for (var i = 0; i < batch.Data.Count; i++)
            {
                var entry = batch.Data[i];
                panel.Offered.Enqueue(entry);
                if (entry.Metadata.TryGetValue("command", out var command) && panel.RejectCommands.ContainsKey(command))
                {
                    rejected.Add(new ActivityRejection(i, "server not found"));
                    continue;
                }
                panel.Activity.Enqueue(entry);
            }
            return rejected.Count == 0 ? Results.NoContent() : Results.Json(new ActivityBatchResult(rejected), ContractsJson.Options);
        });
        await app.StartAsync();
        return panel;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
