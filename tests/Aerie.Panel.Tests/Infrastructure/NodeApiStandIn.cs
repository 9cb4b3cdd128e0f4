using System.Collections.Concurrent;
using Aerie.Contracts.NodeApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Aerie.Panel.Tests.Infrastructure;

/// <summary>
/// The node API of spec 03 that the panel calls (preflight, deauthorize-user, ws/deny, sync), on real
/// Kestrel, with the bearer check, recording every call. It stands in for the node daemon, which is
/// being written on another branch: the lead swaps it for the real NodeHost behind <see cref="TestNode"/> at merge.
/// </summary>
internal sealed class NodeApiStandIn : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, byte> servers = new();
    private readonly ConcurrentQueue<NodeCall> calls = new();
    private WebApplication? app;

    public string Secret { get; set; } = "";

    public int Port { get; private set; }

    public IReadOnlyCollection<NodeCall> Calls => calls;

    public void AddServer(Guid uuid) => servers[uuid] = 0;

    public async Task StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        app = builder.Build();
        app.Use(async (http, next) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            var auth = http.Request.Headers.Authorization.ToString();
            calls.Enqueue(new NodeCall(http.Request.Method, http.Request.Path.Value ?? "", body, auth));
            if (auth.Length == 0)
            {
                await Results.Json(new NodeError(NodeApiErrors.MissingAuth), statusCode: 401).ExecuteAsync(http);
                return;
            }
            if (auth != "Bearer " + Secret)
            {
                await Results.Json(new NodeError(NodeApiErrors.Forbidden), statusCode: 403).ExecuteAsync(http);
                return;
            }
            await next(http);
        });
        app.MapGet("/api/servers/{uuid:guid}", (Guid uuid) => servers.ContainsKey(uuid)
            ? Results.Json(new { state = "offline", is_suspended = false, utilization = new { memory_bytes = 0 }, configuration = new { uuid } })
            : Results.Json(new NodeError(NodeApiErrors.NotFound), statusCode: 404));
        // Recorded only: servers become known through AddServer (the real node would fetch the configuration here).
        app.MapPost("/api/servers", () => Results.Accepted());
        app.MapDelete("/api/servers/{uuid:guid}", (Guid uuid) => servers.TryRemove(uuid, out _) ? Results.NoContent() : Results.Json(new NodeError(NodeApiErrors.NotFound), statusCode: 404));
        app.MapPost("/api/deauthorize-user", () => Results.NoContent());
        app.MapPost("/api/servers/{uuid:guid}/ws/deny", () => Results.NoContent());
        app.MapPost("/api/servers/{uuid:guid}/sync", () => Results.NoContent());
        await app.StartAsync();
        Port = new Uri(app.Urls.First()).Port;
    }

    public async Task StopAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
