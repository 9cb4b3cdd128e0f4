using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Backups;
using Aerie.Panel.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.ClientServers;

/// <summary>
/// <c>…/backups/retention</c> and <c>…/retention/preview</c> (spec 07 §9's proposal for 04): read the policy
/// (<c>backup.read</c>), change it (<c>backup.delete</c>: it decides what gets deleted), and list what a policy would
/// delete now. The preview takes any policy field as a query parameter over the stored one, so a form can show the
/// effect of its edits before saving. A PUT changes the fields it sends and keeps the others.
/// </summary>
internal static class BackupRetentionApi
{
    public const string UpdateEvent = "server:backup.retention";

    public static RouteGroupBuilder MapBackupRetention(this RouteGroupBuilder group)
    {
        group.MapGet("/servers/{server}/backups/retention", async (string server, HttpContext http, PanelDb db) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, BackupsApi.Read);
            return Results.Json(RetentionTransformer.Instance.Item(RetentionPolicy.Read(scope.Server.BackupRetentionJson)));
        });
        group.MapPut("/servers/{server}/backups/retention", async (string server, HttpContext http, PanelDb db) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, BackupsApi.Delete);
            var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
            var policy = Merge(RetentionPolicy.Read(scope.Server.BackupRetentionJson), input);
            scope.Server.BackupRetentionJson = policy.Write();
            await db.SaveChangesAsync(http.RequestAborted);
            await ServerActivity.RecordAsync(http, scope, UpdateEvent, new Dictionary<string, string?> { ["policy"] = policy.Write() });
            return Results.Json(RetentionTransformer.Instance.Item(policy));
        });
        group.MapGet("/servers/{server}/backups/retention/preview", async (string server, HttpContext http, PanelDb db, BackupRetention retention) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, BackupsApi.Read);
            var query = new JsonObject();
            foreach (var (key, value) in http.Request.Query)
            {
                query[key] = value.ToString();
            }
            var policy = Merge(RetentionPolicy.Read(scope.Server.BackupRetentionJson), new ApiInput(query));
            var plan = await retention.PlanAsync(scope.Server, policy, http.RequestAborted);
            var list = Fractal.List(plan.OrderBy(p => p.Backup.CreatedAt).Select(p =>
            {
                var item = BackupTransformer.Instance.Item(p.Backup);
                item["attributes"]!["reason"] = p.Reason;
                return item;
            }));
            return Results.Json(Fractal.WithMeta(list, new JsonObject { ["policy"] = RetentionTransformer.Instance.Item(policy)["attributes"]!.DeepClone() }));
        });
        return group;
    }

    /// <summary>The sent fields over <paramref name="current"/>; a keep bucket or limit sent as null or 0 is off.</summary>
    /// <exception cref="Http.PanelProblem">422 listing every invalid field</exception>
    private static RetentionPolicy Merge(RetentionPolicy current, ApiInput input)
    {
        int? Count(string field, int? now, int max) => input.IsPresent(field) ? (int?)input.Integer(field, min: 0, max: max) : now;
        var policy = new RetentionPolicy(
            Count("keep_last", current.KeepLast, 1000),
            Count("keep_daily", current.KeepDaily, 3660),
            Count("keep_weekly", current.KeepWeekly, 520),
            Count("keep_monthly", current.KeepMonthly, 1200),
            Count("max_age_days", current.MaxAgeDays, 36600),
            input.IsPresent("max_total_bytes") ? input.Integer("max_total_bytes", min: 0) : current.MaxTotalBytes,
            input.IsPresent("on_limit") ? input.OneOf("on_limit", [RetentionPolicy.Rotate, RetentionPolicy.Reject], required: true) ?? current.OnLimit : current.OnLimit,
            input.IsPresent("prune_failed_after_hours") ? (int)(input.Integer("prune_failed_after_hours", required: true, min: 1, max: 8760) ?? current.PruneFailedAfterHours) : current.PruneFailedAfterHours);
        input.ThrowIfInvalid();
        return policy;
    }
}
