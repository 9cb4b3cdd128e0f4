using Aerie.Contracts.RemoteApi;
using Aerie.Panel.ClientServers;
using Aerie.Panel.Data;
using Aerie.Panel.Servers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Remote;

/// <summary>
/// The install half of the remote API (spec 03, spec 05 §7 "Panel side"): the egg's install script, the node's
/// install report, and the boot-time reset. Like every remote route, only the calling node's own servers.
/// </summary>
internal static class RemoteInstallApi
{
    /// <summary>A raw-command server has no egg and so nothing to install: the node runs an empty script.</summary>
    public const string RawEntrypoint = "sh";

    public static RouteGroupBuilder MapRemoteInstall(this RouteGroupBuilder group)
    {
        group.MapPost("/servers/reset", async (HttpContext http, PanelDb db) =>
        {
            // An install or restore a reboot interrupted is not resumed (spec 05 §7): the user reinstalls or restores again.
            var node = RemoteNodeFilter.Of(http);
            await db.Servers.Where(s => s.NodeId == node.Id && (s.Status == ServerStatuses.Installing || s.Status == ServerStateGate.RestoringBackupStatus))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, (string?)null).SetProperty(s => s.Stamp, Guid.NewGuid()), http.RequestAborted);
            return Results.NoContent();
        });
        group.MapGet("/servers/{uuid}/install", async (string uuid, HttpContext http, PanelDb db) =>
        {
            if (await RemoteApi.OwnServerAsync(db, http, uuid) is not { } s)
            {
                return RemoteApi.NotFound();
            }
            var template = (await ServerTemplates.LoadAsync(db, [s], http.RequestAborted)).GetValueOrDefault(s.Id);
            return Results.Ok(template is null
                ? new InstallScript(s.Image, RawEntrypoint, "")
                : new InstallScript(template.Egg.ScriptContainer, template.Egg.ScriptEntry, template.Egg.ScriptInstall));
        });
        group.MapPost("/servers/{uuid}/install", async (string uuid, InstallStatus body, HttpContext http, PanelDb db, TimeProvider time) =>
        {
            if (await RemoteApi.OwnServerAsync(db, http, uuid) is not { } s)
            {
                return RemoteApi.NotFound();
            }
            // Suspension is its own flag, untouched here: a suspended server stays suspended whatever the install did.
            s.Status = body.Successful ? null : body.Reinstall ? ServerStatuses.ReinstallFailed : ServerStatuses.InstallFailed;
            s.InstalledAt = time.GetUtcNow();
            await db.SaveChangesAsync(http.RequestAborted);
            return Results.NoContent();
        });
        return group;
    }
}
