using Aerie.Contracts.NodeApi;
using Aerie.Node.Backups;
using Aerie.Node.Servers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Node.Http;

/// <summary>The node's backup routes (spec 07 §2), behind the node secret: create (202, async), restore (202, async),
/// delete one, delete all. Every refusal is a <c>{"error": …}</c> with the spec's exact text.</summary>
internal static class BackupsApi
{
    private static readonly IResult ServerNotFound = Error(NodeApiErrors.NotFound, StatusCodes.Status404NotFound);

    public static IEndpointRouteBuilder MapBackupsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/servers/{uuid}").AddEndpointFilter<NodeAuthFilter>();
        api.MapPost("/backup", Create);
        api.MapPost("/backup/{backup}/restore", Restore);
        api.MapDelete("/backup/{backup}", (string uuid, string backup, ServerManager servers, BackupService backups) =>
        {
            if (!servers.TryGet(uuid, out var server))
            {
                return ServerNotFound;
            }
            if (!IsCanonical(backup))
            {
                return Error(BackupErrors.InvalidUuid, StatusCodes.Status400BadRequest);
            }
            return backups.Delete(server.Uuid, backup) ? Results.NoContent() : Error(BackupErrors.NotFound, StatusCodes.Status404NotFound);
        });
        api.MapDelete("/deleteAllBackups", (string uuid, ServerManager servers, BackupService backups) =>
        {
            if (!servers.TryGet(uuid, out var server))
            {
                return ServerNotFound;
            }
            backups.DeleteAll(server.Uuid);
            return Results.NoContent();
        });
        return app;
    }

    private static IResult Create(string uuid, BackupRequest body, ServerManager servers, BackupService backups)
    {
        if (!servers.TryGet(uuid, out var server))
        {
            return ServerNotFound;
        }
        if (backups.Adapter(body.Adapter) is not { } adapter)
        {
            return Error(BackupErrors.InvalidAdapter(body.Adapter), StatusCodes.Status400BadRequest);
        }
        if (!IsCanonical(body.Uuid))
        {
            return Error(BackupErrors.InvalidUuid, StatusCodes.Status400BadRequest);
        }
        if (adapter.Unsupported is { } unsupported)
        {
            return Error(unsupported, StatusCodes.Status400BadRequest);
        }
        return backups.Begin(server, adapter, body.Uuid!, body.Ignore) is { } refused
            ? Error(refused, StatusCodes.Status409Conflict)
            : Results.Accepted();
    }

    private static async Task<IResult> Restore(string uuid, string backup, RestoreRequest body, ServerManager servers, BackupService backups,
        BackupRestore restores, CancellationToken ct)
    {
        if (!servers.TryGet(uuid, out var server))
        {
            return ServerNotFound;
        }
        if (!IsCanonical(backup))
        {
            return Error(BackupErrors.InvalidUuid, StatusCodes.Status400BadRequest);
        }
        if (backups.Adapter(body.Adapter) is not { } adapter)
        {
            return Error(BackupErrors.InvalidAdapter(body.Adapter), StatusCodes.Status400BadRequest);
        }
        if (adapter.Name == BackupAdapters.S3 && string.IsNullOrEmpty(body.DownloadUrl))
        {
            return Error(BackupErrors.DownloadUrlRequired, StatusCodes.Status400BadRequest);
        }
        if (adapter.Name == BackupAdapters.S3
            && await RestoreLinkCheck.ProblemAsync(body.DownloadUrl!, backups.Config.System.Backups.RestoreHostAllowlist, ct) is { } badLink)
        {
            return Error(badLink, StatusCodes.Status400BadRequest);
        }
        if (adapter.Unsupported is { } unsupported)
        {
            return Error(unsupported, StatusCodes.Status400BadRequest);
        }
        if (adapter.Name == BackupAdapters.Local && BackupPaths.Find(backups.Config, server.Uuid, backup) is null)
        {
            return Error(BackupErrors.NotFound, StatusCodes.Status404NotFound);
        }
        return restores.Begin(server, adapter, backup, body) is { } refused
            ? Error(refused, StatusCodes.Status409Conflict)
            : Results.Accepted();
    }

    /// <summary>A canonical lower-case UUID (spec 07 §2): it names files under the backup directory.</summary>
    public static bool IsCanonical(string? value) =>
        value is { Length: 36 } && Guid.TryParseExact(value, "D", out _) && value.Equals(value.ToLowerInvariant(), StringComparison.Ordinal);

    private static IResult Error(string text, int status) => Results.Json(new NodeError(text), statusCode: status);
}
