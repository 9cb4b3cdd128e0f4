using Aerie.Contracts.NodeApi;
using Aerie.Node.Configuration;
using Aerie.Node.Servers;
using Aerie.Node.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.WebSockets;

/// <summary><c>GET /api/servers/{uuid}/ws</c>: the handshake checks (404, Origin 403, socket cap 400), then the session.
/// No Authorization header: auth happens in-band or with <c>?token=</c>.</summary>
internal static class ConsoleSocketEndpoint
{
    public static IEndpointRouteBuilder MapConsoleSocket(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/servers/{uuid}/ws", HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(string uuid, HttpContext context, ServerManager servers, TokenValidator validator,
        SocketRegistry registry, NodeConfig config, TimeProvider time, ILoggerFactory loggers)
    {
        if (!servers.TryGet(uuid, out var server))
        {
            return Results.Json(new NodeError(NodeApiErrors.NotFound), statusCode: StatusCodes.Status404NotFound);
        }
        if (!OriginPolicy.Allows(context.Request, config))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return Results.BadRequest();
        }
        if (registry.AuthenticatedCount(server.Uuid) >= config.Websocket.MaxConnections)
        {
            return Results.Json(new NodeError(NodeApiErrors.TooManySockets), statusCode: StatusCodes.Status400BadRequest);
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = TimeSpan.FromSeconds(config.Websocket.PingInterval),
            KeepAliveTimeout = TimeSpan.FromSeconds(config.Websocket.PingTimeout),
        });
        var session = new ConsoleSession(socket, server, validator, registry, config, time,
            loggers.CreateLogger<ConsoleSession>(), context.Connection.RemoteIpAddress?.ToString());
        await session.RunAsync(context.Request.Query["token"].ToString(), context.RequestAborted);
        return Results.Empty;
    }
}
