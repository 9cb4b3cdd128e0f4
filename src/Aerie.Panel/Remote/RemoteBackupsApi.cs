using System.Text.Json.Nodes;
using Aerie.Panel.Activity;
using Aerie.Panel.Api;
using Aerie.Panel.Backups;
using Aerie.Panel.ClientServers;
using Aerie.Panel.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Remote;

/// <summary>
/// The node's backup reports (spec 07 §6): a backup finished or failed, a restore ended. Each checks that the
/// backup's server is on the calling node (Pterodactyl forgets this on <c>/restore</c>).
/// </summary>
internal static class RemoteBackupsApi
{
    public static RouteGroupBuilder MapRemoteBackups(this RouteGroupBuilder group)
    {
        group.MapPost("/backups/{backup}", ReportAsync);
        group.MapPost("/backups/{backup}/restore", RestoreReportAsync);
        group.MapGet("/backups/{backup}", async (string backup, HttpContext http, PanelDb db) =>
        {
            // S3 multipart is later (§7); the refusals are fixed now so a node sees the final answers.
            var (row, refusal) = await FindAsync(db, http, backup);
            if (refusal is not null)
            {
                return refusal;
            }
            if (!long.TryParse(http.Request.Query["size"].ToString(), out var size) || size <= 0)
            {
                return ApiErrors.Result(400, BackupTexts.SizeRequired);
            }
            return row!.CompletedAt is not null ? ApiErrors.Result(409, BackupTexts.CompletedConflict) : ApiErrors.Result(400, BackupTexts.NotS3);
        });
        return group;
    }

    private static async Task<IResult> ReportAsync(string backup, HttpContext http, PanelDb db, TimeProvider time, ActivityWriter activity, BackupRetention retention)
    {
        var (row, refusal) = await FindAsync(db, http, backup);
        if (refusal is not null)
        {
            return refusal;
        }
        var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
        var successful = input.Boolean("successful", required: true);
        var checksum = input.String("checksum", max: 128);
        var checksumType = input.String("checksum_type", max: 16);
        var size = input.Integer("size", required: successful == true, min: 0);
        input.ThrowIfInvalid();
        if (row!.IsSuccessful)
        {
            return ApiErrors.Result(400, BackupTexts.AlreadyCompleted);
        }
        row.IsSuccessful = successful!.Value;
        row.Checksum = row.IsSuccessful && checksum is not null ? (checksumType ?? "sha1") + ":" + checksum : null;
        row.Bytes = row.IsSuccessful ? size ?? 0 : 0;
        row.CompletedAt = time.GetUtcNow();
        if (!row.IsSuccessful)
        {
            // §8: a failed backup holds nothing and may always be deleted.
            row.IsLocked = false;
        }
        await db.SaveChangesAsync(http.RequestAborted);
        await activity.RecordAsync(NodeEntry(row.Server!, row.IsSuccessful ? BackupEvents.Complete : BackupEvents.Fail, row, time), db, http.RequestAborted);
        if (row.IsSuccessful)
        {
            // §9: after each successful backup (and the rotation a creation at the limit was allowed on).
            await retention.ApplyAsync(row.Server!, http.RequestAborted);
        }
        return Results.NoContent();
    }

    private static async Task<IResult> RestoreReportAsync(string backup, HttpContext http, PanelDb db, TimeProvider time, ActivityWriter activity)
    {
        var (row, refusal) = await FindAsync(db, http, backup);
        if (refusal is not null)
        {
            return refusal;
        }
        var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
        var successful = input.Boolean("successful", required: true);
        input.ThrowIfInvalid();
        var server = row!.Server!;
        if (server.Status == ServerStateGate.RestoringBackupStatus)
        {
            server.Status = null;
            await db.SaveChangesAsync(http.RequestAborted);
        }
        await activity.RecordAsync(NodeEntry(server, successful!.Value ? BackupEvents.RestoreComplete : BackupEvents.RestoreFailed, row, time), db, http.RequestAborted);
        return Results.NoContent();
    }

    /// <summary>The backup with its server, or the answer: 404 unknown (or deleted), 403 another node's.</summary>
    private static async Task<(Backup? Row, IResult? Refusal)> FindAsync(PanelDb db, HttpContext http, string key)
    {
        var node = RemoteNodeFilter.Of(http);
        var row = Guid.TryParse(key, out var id) ? await db.Backups.Include(b => b.Server).FirstOrDefaultAsync(b => b.Uuid == id, http.RequestAborted) : null;
        if (row is null)
        {
            return (null, RemoteApi.NotFound());
        }
        return row.Server!.NodeId != node.Id ? (null, ApiErrors.Result(403, BackupTexts.OtherNode)) : (row, null);
    }

    private static ActivityRecord NodeEntry(GameServer server, string name, Backup b, TimeProvider time) => new()
    {
        ServerUuid = server.Uuid,
        Event = name,
        MetadataJson = new JsonObject { ["name"] = b.Name, ["backup"] = b.Uuid.ToString() }.ToJsonString(),
        Timestamp = time.GetUtcNow(),
    };
}
