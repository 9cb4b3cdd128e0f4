using System.Runtime.InteropServices;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Events;
using Aerie.Node.Servers;
using Aerie.Node.Tokens;
using Aerie.Node.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Node.Http;

/// <summary>The panel → node API (spec 03), behind the node secret.</summary>
internal static class NodeApi
{
    /// <summary>Longest <c>wait_seconds</c> a power request may ask for.</summary>
    public const int MaxPowerWaitSeconds = 300;

    private static readonly IResult NotFound = Results.Json(new NodeError(NodeApiErrors.NotFound), statusCode: StatusCodes.Status404NotFound);

    public static IEndpointRouteBuilder MapNodeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter<NodeAuthFilter>();
        api.MapGet("/system", DescribeSystem);
        api.MapGet("/servers", (ServerManager servers) => Task.WhenAll(servers.All.Select(DetailsAsync)));
        api.MapPost("/servers", CreateAsync);
        api.MapGet("/servers/{uuid}", async (string uuid, ServerManager servers) =>
            servers.TryGet(uuid, out var s) ? Results.Json(await DetailsAsync(s)) : NotFound);
        api.MapDelete("/servers/{uuid}", async (string uuid, ServerManager servers) =>
        {
            if (!servers.TryGet(uuid, out var s))
            {
                return NotFound;
            }
            await servers.RemoveAsync(s);
            return Results.NoContent();
        });
        api.MapPost("/servers/{uuid}/sync", SyncAsync);
        api.MapPost("/servers/{uuid}/power", (string uuid, PowerRequest body, ServerManager servers) => PowerAsync(uuid, body, servers));
        api.MapPost("/servers/{uuid}/commands", CommandsAsync);
        api.MapGet("/servers/{uuid}/logs", (string uuid, int? size, ServerManager servers) =>
            servers.TryGet(uuid, out var s) ? Results.Json(new LogsResponse(s.History.Last(Math.Clamp(size ?? 100, 0, 100)))) : NotFound);
        api.MapPost("/servers/{uuid}/ws/deny", (string uuid, DenyRequest body, ServerManager servers, RevocationStore revocations, SocketRegistry sockets) =>
        {
            if (!servers.TryGet(uuid, out _))
            {
                return NotFound;
            }
            revocations.DenyJtis(body.Jtis ?? [], body.RevokedAt);
            // Sockets holding a denied token get no frame from here on (they may re-auth with a fresh token).
            sockets.StopRevoked();
            return Results.NoContent();
        });
        api.MapPost("/deauthorize-user", (DeauthorizeUserRequest body, RevocationStore revocations, SocketRegistry sockets) =>
        {
            var servers = body.Servers ?? [];
            if (body.Grant is { Length: > 0 } grant)
            {
                revocations.RevokeGrant(grant, body.RevokedAt);
            }
            else
            {
                revocations.DeauthorizeUser(body.User, servers, body.RevokedAt);
            }
            sockets.CloseRevoked(body.User);
            return Results.NoContent();
        });
        api.MapPost("/servers/{uuid}/install", (string uuid, ServerManager servers) => Install(uuid, servers, reinstall: false));
        api.MapPost("/servers/{uuid}/reinstall", (string uuid, ServerManager servers) => Install(uuid, servers, reinstall: true));
        app.MapFilesApi();
        app.MapBackupsApi();
        app.MapFileArchives();
        app.MapPulls();
        return app;
    }

    private static SystemInfo DescribeSystem() => new(
        typeof(NodeApi).Assembly.GetName().Version?.ToString() ?? "0.0.0",
        Environment.OSVersion.Version.ToString(),
        RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant() switch { "x64" => "amd64", var a => a },
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "linux" : RuntimeInformation.OSDescription,
        Environment.ProcessorCount);

    private static async Task<ServerDetails> DetailsAsync(GameServer s) =>
        new(s.State, s.IsSuspended, await s.GetStatsAsync(), s.Configuration.Settings);

    private static async Task<IResult> CreateAsync(CreateServerRequest body, ServerManager servers, CancellationToken ct)
    {
        if (!Guid.TryParseExact(body.Uuid, "D", out _))
        {
            return Results.Json(new NodeError("uuid must be a UUID"), statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        try
        {
            var server = await servers.SyncFromPanelAsync(body.Uuid, ct);
            // A new server is installed (spec 05 §7), then started if asked. Refused only while an install already
            // runs (a repeated create): that one reports to the panel.
            server.Install(reinstall: false, startAfter: body.StartOnCompletion);
            return Results.Accepted();
        }
        catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // The panel no longer has it (deleted before this call arrived): nothing to create, and a
            // 5xx would make the panel retry a call that can never succeed.
            return NotFound;
        }
        catch (Exception e) when (e is HttpRequestException or ArgumentException or System.Text.Json.JsonException)
        {
            return Results.Json(new NodeError("could not fetch the server configuration from the panel: " + e.Message), statusCode: StatusCodes.Status502BadGateway);
        }
    }

    private static async Task<IResult> SyncAsync(string uuid, ServerManager servers, CancellationToken ct)
    {
        if (!servers.TryGet(uuid, out _))
        {
            return NotFound;
        }
        try
        {
            await servers.SyncFromPanelAsync(uuid, ct);
            return Results.NoContent();
        }
        catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return NotFound; // deleted on the panel; its DELETE follows
        }
        catch (HttpRequestException e)
        {
            return Results.Json(new NodeError("could not fetch the server configuration from the panel: " + e.Message), statusCode: StatusCodes.Status502BadGateway);
        }
    }

    private static IResult PowerAsync(string uuid, PowerRequest body, ServerManager servers)
    {
        if (!servers.TryGet(uuid, out var s))
        {
            return NotFound;
        }
        if (body.Action is not (PowerActions.Start or PowerActions.Stop or PowerActions.Restart or PowerActions.Kill))
        {
            return Results.Json(new NodeError($"invalid power action '{body.Action}'"), statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        if (body.WaitSeconds is < 0 or > MaxPowerWaitSeconds)
        {
            return Results.Json(new NodeError($"wait_seconds must be between 0 and {MaxPowerWaitSeconds}"), statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        // Refused up front, so the panel learns why (the action itself runs after the 202).
        if (s.IsInstalling || s.IsRestoring)
        {
            return Results.Json(new NodeError(s.IsInstalling ? SocketErrors.ServerInstalling : SocketErrors.ServerRestoring), statusCode: StatusCodes.Status409Conflict);
        }
        _ = s.PowerAsync(body.Action, Actor.Panel, TimeSpan.FromSeconds(body.WaitSeconds ?? 0));
        return Results.Accepted();
    }

    private static async Task<IResult> CommandsAsync(string uuid, CommandsRequest body, ServerManager servers)
    {
        if (!servers.TryGet(uuid, out var s))
        {
            return NotFound;
        }
        if (s.State is not (ServerStates.Starting or ServerStates.Running))
        {
            // Wings' answer (spec 03), which panels turn into "Server must be online in order to send commands."
            return Results.Json(new NodeError(NodeApiErrors.CommandsOffline), statusCode: StatusCodes.Status502BadGateway);
        }
        foreach (var command in body.Commands ?? [])
        {
            var error = await s.SendCommandAsync(command, Actor.Panel);
            if (error is not null)
            {
                return Results.Json(new NodeError(error), statusCode: StatusCodes.Status422UnprocessableEntity);
            }
        }
        return Results.NoContent();
    }

    private static IResult Install(string uuid, ServerManager servers, bool reinstall)
    {
        if (!servers.TryGet(uuid, out var s))
        {
            return NotFound;
        }
        return s.Install(reinstall) is { } refused
            ? Results.Json(new NodeError(refused), statusCode: StatusCodes.Status409Conflict)
            : Results.Accepted();
    }
}
