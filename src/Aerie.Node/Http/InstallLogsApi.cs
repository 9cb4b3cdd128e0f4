using Aerie.Contracts.NodeApi;
using Aerie.Node.Configuration;
using Aerie.Node.Servers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Node.Http;

/// <summary><c>GET /api/servers/{uuid}/install-logs</c> → <c>{"data": "&lt;output of the last install&gt;"}</c> (Pelican's
/// route, spec 05 §7 step 8): the script's output part of the install log, not its header. Behind the node secret.</summary>
internal static class InstallLogsApi
{
    public static IEndpointRouteBuilder MapInstallLogs(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").AddEndpointFilter<NodeAuthFilter>().MapGet("/servers/{uuid}/install-logs", (string uuid, ServerManager servers, NodeConfig config) =>
        {
            if (!servers.TryGet(uuid, out var server))
            {
                return Results.Json(new NodeError(NodeApiErrors.NotFound), statusCode: StatusCodes.Status404NotFound);
            }
            return Results.Json(new InstallLogResponse(InstallLog.ReadOutput(NodePaths.InstallLog(config, server.Uuid)) ?? ""));
        });
        return app;
    }
}

internal sealed record InstallLogResponse([property: System.Text.Json.Serialization.JsonPropertyName("data")] string Data);
