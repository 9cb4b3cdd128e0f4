using System.Text.Json.Nodes;
using Aerie.Contracts.Tokens;
using Aerie.Panel.Api;
using Aerie.Panel.Backups;
using Aerie.Panel.Credentials;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.ClientServers;

/// <summary><c>…/backups</c> (spec 04 §2.8, spec 07 §8): list, create within the limit and throttle, details, download, lock, restore, delete.</summary>
internal static class BackupsApi
{
    public const string Read = "backup.read";
    public const string Create = "backup.create";
    public const string Delete = "backup.delete";
    public const string Download = "backup.download";
    public const string Restore = "backup.restore";

    private static readonly ListRules Rules = new([], [], 20, 50);

    public static RouteGroupBuilder MapBackups(this RouteGroupBuilder group)
    {
        group.MapGet("/servers/{server}/backups", async (string server, HttpContext http, PanelDb db, PanelOptions options) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, Read);
            var list = ListQuery.Parse(http.Request.Query, Rules);
            var rows = db.Backups.AsNoTracking().Where(b => b.ServerId == scope.Server.Id);
            var page = await list.PageAsync(rows.OrderBy(b => b.Id), http.RequestAborted);
            var count = await rows.CountAsync(b => b.CompletedAt == null || b.IsSuccessful, http.RequestAborted);
            return Results.Json(Fractal.WithMeta(BackupTransformer.Instance.Paginated(page, PageLinks.Of(http.Request, options)), new JsonObject { ["backup_count"] = count }));
        });
        group.MapPost("/servers/{server}/backups", async (string server, HttpContext http, PanelDb db, BackupService backups) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, Create);
            var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
            var name = input.String("name", max: 191);
            var locked = input.Boolean("is_locked") ?? false;
            var ignored = input.String("ignored");
            input.ThrowIfInvalid();
            // Only a caller who may delete may protect a backup from deletion.
            var admission = await backups.AdmitAsync(scope.Server, name, BackupService.Patterns(ignored), locked && scope.Can(Delete), http.RequestAborted);
            if (admission.Backup is not { } backup)
            {
                // Spec 04 §1.6: a 429 tells the client when to come back.
                http.Response.Headers.RetryAfter = admission.RetryAfterSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ApiErrors.Result(429, BackupTexts.Throttle(BackupService.ThrottleCount, BackupService.ThrottleSeconds), ApiErrorCodes.TooManyRequests);
            }
            await backups.StartAsync(scope.Server, backup, http.RequestAborted);
            await ServerActivity.RecordAsync(http, scope, BackupEvents.Start, Properties(backup, ("locked", backup.IsLocked ? "true" : "false"), ("ignored", ignored)));
            return Results.Json(BackupTransformer.Instance.Item(backup));
        });
        group.MapGet("/servers/{server}/backups/{backup}", async (string server, string backup, HttpContext http, PanelDb db) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, Read);
            return Results.Json(BackupTransformer.Instance.Item(await FindAsync(db, scope, backup, http.RequestAborted)));
        });
        group.MapGet("/servers/{server}/backups/{backup}/download", async (string server, string backup, HttpContext http, PanelDb db, NodeSecrets secrets, ConsoleTokenMinter minter) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, Download);
            var row = await FindAsync(db, scope, backup, http.RequestAborted);
            if (row.Disk != BackupPaths.LocalDisk)
            {
                throw PanelProblem.Display("The backup requested references an unknown disk driver type and cannot be downloaded.", ApiErrorCodes.BadRequest);
            }
            var node = scope.Server.Node ?? throw new PanelProblem(504, NodeClient.UnreachableText);
            var signing = secrets.TryGet(node.TokenSecretProtected) ?? throw new PanelProblem(500, ApiErrorCodes.UnexpectedText);
            // Spec 06 §6's signed URL, minted by the helper the file routes use; the grant lets a logout revoke it.
            var token = minter.MintSignedUrl(scope.User, scope.Server, node, signing.Signing, SignedUrlClaims.BackupDownloadScope,
                new Dictionary<string, string> { [SignedUrlClaims.BackupUuid] = row.Uuid.ToString() }, ConsoleGrant.Of(scope.Caller));
            var url = $"{NodeUrls.PublicBase(node)}/download/backup?token={token}";
            await ServerActivity.RecordAsync(http, scope, BackupEvents.Download, Properties(row));
            return Results.Json(Fractal.Item("signed_url", new JsonObject { ["url"] = url }));
        });
        group.MapPost("/servers/{server}/backups/{backup}/lock", async (string server, string backup, HttpContext http, PanelDb db) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, Delete);
            var row = await FindAsync(db, scope, backup, http.RequestAborted);
            row.IsLocked = !row.IsLocked;
            await db.SaveChangesAsync(http.RequestAborted);
            await ServerActivity.RecordAsync(http, scope, row.IsLocked ? BackupEvents.Lock : BackupEvents.Unlock, Properties(row));
            return Results.Json(BackupTransformer.Instance.Item(row));
        });
        group.MapPost("/servers/{server}/backups/{backup}/restore", async (string server, string backup, HttpContext http, PanelDb db, BackupService backups) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, Restore);
            var row = await FindAsync(db, scope, backup, http.RequestAborted);
            var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
            // pterojs and Pterodactyl4J send no truncate: absent means keep the files (Pterodactyl answers 422).
            var truncate = input.Boolean("truncate") ?? false;
            input.ThrowIfInvalid();
            await backups.RestoreAsync(scope.Server, row, truncate, http.RequestAborted);
            await ServerActivity.RecordAsync(http, scope, BackupEvents.Restore, Properties(row, ("truncate", truncate ? "true" : "false")));
            return Results.NoContent();
        });
        group.MapDelete("/servers/{server}/backups/{backup}", async (string server, string backup, HttpContext http, PanelDb db, BackupService backups) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, Delete);
            var row = await FindAsync(db, scope, backup, http.RequestAborted);
            await backups.DeleteAsync(scope.Server, row, http.RequestAborted);
            await ServerActivity.RecordAsync(http, scope, BackupEvents.Delete, Properties(row));
            return Results.NoContent();
        });
        return group;
    }

    /// <summary>The server's own backup by UUID, else the nested-id 404 (another server's backup reveals nothing).</summary>
    internal static async Task<Backup> FindAsync(PanelDb db, ServerScope scope, string key, CancellationToken ct)
    {
        var id = Guid.TryParse(key, out var g) ? g : Guid.Empty;
        return await db.Backups.FirstOrDefaultAsync(b => b.Uuid == id && b.ServerId == scope.Server.Id, ct)
            ?? throw new PanelProblem(404, ClientServerAccess.NotForThisServerText);
    }

    private static Dictionary<string, string?> Properties(Backup b, params (string Key, string? Value)[] more)
    {
        var properties = new Dictionary<string, string?> { ["name"] = b.Name, ["backup"] = b.Uuid.ToString() };
        foreach (var (key, value) in more)
        {
            properties[key] = value;
        }
        return properties;
    }
}
