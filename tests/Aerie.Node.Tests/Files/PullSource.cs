using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Tests.Files;

/// <summary>A small HTTP server a pull can fetch from, on an address of the test's choice: a file, a body that waits
/// to be released, a body without Content-Length, a named attachment and redirects. Counts requests per path.</summary>
internal sealed class PullSource : IAsyncDisposable
{
    public static readonly byte[] Content = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i % 251))];
    private readonly WebApplication app;
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PullSource(WebApplication app) => this.app = app;

    public ConcurrentDictionary<string, int> Hits { get; } = new();

    public string Url { get; private set; } = "";

    public int HitsOf(string path) => Hits.GetValueOrDefault(path);

    /// <summary>Lets every waiting <c>/slow</c> body finish.</summary>
    public void Release() => release.TrySetResult();

    public static async Task<PullSource> StartAsync(IPAddress address)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString())}:0");
        var app = builder.Build();
        var source = new PullSource(app);
        app.Use(async (context, next) =>
        {
            source.Hits.AddOrUpdate(context.Request.Path.Value ?? "", 1, (_, n) => n + 1);
            await next(context);
        });
        app.MapGet("/files/{name}", (HttpContext c) => Results.Bytes(Content, "application/octet-stream"));
        app.MapGet("/named", (HttpContext c) =>
        {
            c.Response.Headers.ContentDisposition = "attachment; filename=\"../../from-header.txt\"";
            return Results.Bytes(Content, "application/octet-stream");
        });
        app.MapGet("/nolength", async (HttpContext c) =>
        {
            await c.Response.Body.WriteAsync(Content); // chunked: no Content-Length
        });
        app.MapGet("/slow", async (HttpContext c) =>
        {
            c.Response.ContentLength = Content.Length;
            await c.Response.Body.WriteAsync(Content.AsMemory(0, 100));
            await c.Response.Body.FlushAsync();
            await source.release.Task.WaitAsync(TimeSpan.FromSeconds(60), c.RequestAborted);
            await c.Response.Body.WriteAsync(Content.AsMemory(100));
        });
        app.MapGet("/redirect", (string to) => Results.Redirect(to));
        await app.StartAsync();
        source.Url = app.Urls.First().TrimEnd('/');
        return source;
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
