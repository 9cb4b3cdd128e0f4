using System.Collections.Concurrent;
using Aerie.Contracts;
using Aerie.Contracts.RemoteApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Tests.Support;

/// <summary>Stands in for the panel's remote API (spec 03) on real Kestrel, so the node's panel client, boot
/// listing and activity shipping run for real. It can refuse activity batches to inject a panel outage.</summary>
internal sealed class PanelStandIn : IAsyncDisposable
{
    private readonly WebApplication app;

    private PanelStandIn(WebApplication app) => this.app = app;

    public ConcurrentDictionary<string, ServerConfiguration> Servers { get; } = new(StringComparer.OrdinalIgnoreCase);
    public ConcurrentQueue<ActivityEntry> Activity { get; } = new();
    public ConcurrentQueue<(string Server, InstallStatus Status)> InstallReports { get; } = new();
    public int ResetCalls;
    public int PagesServed;
    public int FailActivityBatches;
    public string Url => app.Urls.First();

    public static async Task<PanelStandIn> StartAsync(string tokenId, string token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
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
        app.MapPost("/api/remote/servers/{uuid}/install", (string uuid, InstallStatus status) =>
        {
            panel.InstallReports.Enqueue((uuid, status));
            return Results.NoContent();
        });
        app.MapPost("/api/remote/activity", (ActivityBatch batch) =>
        {
            if (Interlocked.Decrement(ref panel.FailActivityBatches) >= 0)
            {
                return Results.StatusCode(503);
            }
            foreach (var entry in batch.Data)
            {
                panel.Activity.Enqueue(entry);
            }
            return Results.NoContent();
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
