using Aerie.Contracts.NodeApi;
using Aerie.Node.Configuration;
using Aerie.Node.Servers;
using Aerie.Node.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.WebSockets;

/// <summary><c>GET /api/servers/{uuid}/ws</c>: the handshake checks (404, Origin 403, socket limits 400), then the session.
/// No Authorization header: auth happens in-band or with <c>?token=</c>.</summary>
internal static class ConsoleSocketEndpoint
{
    public static IEndpointRouteBuilder MapConsoleSocket(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/servers/{uuid}/ws", HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(string uuid, HttpContext context, ServerManager servers, TokenValidator validator,
        SocketRegistry registry, SocketSlots slots, NodeConfig config, TimeProvider time, ILoggerFactory loggers)
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
        // The cap is claimed again at auth; here a full server, or too many sockets still waiting to authenticate
        // (on this server or from this address), is refused before any memory is spent on a socket.
        if (slots.TryOpen(server.Uuid, context.Connection.RemoteIpAddress) is not { } slot)
        {
            return Results.Json(new NodeError(NodeApiErrors.TooManySockets), statusCode: StatusCodes.Status400BadRequest);
        }
        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                KeepAliveInterval = TimeSpan.FromSeconds(config.Websocket.PingInterval),
                KeepAliveTimeout = TimeSpan.FromSeconds(config.Websocket.PingTimeout),
            });
            var session = new ConsoleSession(socket, server, validator, registry, slots, slot, config, time,
                loggers.CreateLogger<ConsoleSession>(), context.Connection.RemoteIpAddress?.ToString());
            var queryToken = context.Request.Query["token"].ToString();
            ForgetQueryToken(context);
            await session.RunAsync(queryToken, context.RequestAborted);
        }
        finally
        {
            slots.Release(slot);
        }
        return Results.Empty;
    }

    // The request object lives as long as the upgraded connection: drop its parsed copies of the `?token=` credential
    // (the query collection, the query string and the raw target) so an idle socket holds neither the memory nor the JWT.
    private static void ForgetQueryToken(HttpContext context)
    {
        context.Request.Query = QueryCollection.Empty;
        if (context.Features.Get<IHttpRequestFeature>() is { } request)
        {
            request.QueryString = "";
            request.RawTarget = request.Path;
        }
    }
}
