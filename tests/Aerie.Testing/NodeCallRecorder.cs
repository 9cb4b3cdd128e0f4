using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Aerie.Testing;

/// <summary>
/// Middleware put in front of the real node's pipeline (through NodeHost.Build's service hook): it only
/// records each request and the node's answer, for tests that assert on what the panel sent (bodies,
/// bearer, how many preflights). The node's behaviour is untouched.
/// </summary>
internal sealed class NodeCallRecorder(ConcurrentQueue<NodeCall> calls) : IStartupFilter
{
    private const int MaxRecordedBody = 64 * 1024;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, proceed) =>
        {
            var body = "";
            // Only bodies that announce a length: an upgrade request's body is the socket itself.
            if (http.Request.ContentLength is > 0 and <= MaxRecordedBody)
            {
                http.Request.EnableBuffering();
                using var reader = new StreamReader(http.Request.Body, leaveOpen: true);
                body = await reader.ReadToEndAsync(http.RequestAborted);
                http.Request.Body.Position = 0;
            }
            await proceed(http);
            calls.Enqueue(new NodeCall(http.Request.Method, http.Request.Path.Value ?? "", body, http.Request.Headers.Authorization.ToString(), http.Response.StatusCode));
        });
        next(app);
    };
}
