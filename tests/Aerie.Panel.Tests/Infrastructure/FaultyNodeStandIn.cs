using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Aerie.Panel.Tests.Infrastructure;

/// <summary>A node that misbehaves on purpose: faults the real node cannot produce on demand.</summary>
internal sealed class FaultyNodeStandIn : IAsyncDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> requests = new();
    private WebApplication? app;

    /// <summary>"METHOD path status" of every request answered, in arrival order.</summary>
    public IReadOnlyCollection<string> Requests => requests;

    public string Url { get; private set; } = "";

    public static async Task<FaultyNodeStandIn> StartAsync(NodeFault fault)
    {
        var n = new FaultyNodeStandIn();
        if (fault == NodeFault.Down)
        {
            // Nothing listens on a released port, so connects are refused.
            n.Url = $"http://127.0.0.1:{FreePort.Next()}";
            return n;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        n.app = builder.Build();
        n.app.Run(async http =>
        {
            http.Response.OnCompleted(() =>
            {
                n.requests.Enqueue($"{http.Request.Method} {http.Request.Path} {http.Response.StatusCode}");
                return Task.CompletedTask;
            });
            switch (fault)
            {
                case NodeFault.RefusesLifecycle:
                    var lifecycle = http.Request.Method == "POST" && (http.Request.Path == "/api/servers" || http.Request.Path.Value!.EndsWith("/sync", StringComparison.Ordinal));
                    http.Response.StatusCode = lifecycle ? 502 : 204;
                    break;
                case NodeFault.Slow:
                    await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    break;
                case NodeFault.Garbage:
                    http.Response.ContentType = "application/json";
                    await http.Response.WriteAsync("<html>definitely not json");
                    break;
                default:
                    http.Response.StatusCode = 500;
                    await http.Response.WriteAsync("{\"error\":\"boom\"}");
                    break;
            }
        });
        await n.app.StartAsync();
        n.Url = n.app.Urls.First();
        return n;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
