using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Aerie.Bench.Children;

/// <summary><c>Aerie.Bench ceiling-host --port P</c>: the smallest Kestrel app that does the same job — the
/// ceiling for fan-out, density and footprint. <c>/ping</c> answers JSON, <c>/ws</c> is the broadcaster,
/// <c>POST /flood?count=&amp;rate=</c> and <c>POST /mark</c> publish lines.</summary>
internal static class CeilingHost
{
    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var hub = new CeilingHub();
        app.UseWebSockets();
        app.MapGet("/ping", () => Results.Text("{\"ok\":true}", "application/json"));
        app.Map("/ws", hub.AcceptAsync);
        app.MapPost("/flood", (int count, int rate) =>
        {
            hub.Flood(count, rate);
            return Results.Accepted();
        });
        app.MapPost("/mark", () =>
        {
            hub.Mark();
            return Results.Accepted();
        });
        await app.RunAsync();
        return 0;
    }
}
