using Aerie.Contracts.Permissions;
using Aerie.Panel.Api;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Servers;

/// <summary>
/// The checks of spec 04 §2.0 for a client route under <c>/servers/{server}</c>, in Pterodactyl's order: no
/// access at all is 404 (never revealing that the server exists), then the server's state is 409, then a
/// missing permission is 403.
/// </summary>
internal static class ClientServerGate
{
    public const string NoSuchServerText = "The requested resource does not exist on this server.";
    public const string NotForThisServerText = "The requested resource was not found for this server.";

    /// <summary>The server and the caller's effective permissions on it.</summary>
    /// <exception cref="PanelProblem">404, 409 or 403 as above</exception>
    public static async Task<(GameServer Server, IReadOnlyList<string> Permissions)> RequireAsync(HttpContext http, PanelDb db, string key, string permission)
    {
        var user = Caller.Of(http).User;
        var server = await ServerAccess.FindAsync(db, key, http.RequestAborted);
        var held = server is null ? null : await ServerAccess.EffectiveAsync(db, user, server, http.RequestAborted);
        if (server is null || held is null)
        {
            throw new PanelProblem(404, NoSuchServerText, ApiErrorCodes.NotFound);
        }
        if (StateConflict(server) is { } text)
        {
            throw new PanelProblem(409, text, ApiErrorCodes.ServerStateConflict);
        }
        return Permission.Grants(held, permission) ? (server, held) : throw PanelProblem.Unauthorized();
    }

    private static string? StateConflict(GameServer server)
    {
        if (server.Suspended)
        {
            return "This server is currently suspended and the functionality requested is unavailable.";
        }
        if (server.Status is ServerStatuses.Installing or ServerStatuses.InstallFailed)
        {
            return "This server has not yet completed its installation process, please try again later.";
        }
        return server.Node is { MaintenanceMode: true }
            ? "The node of this server is currently under maintenance and the functionality requested is unavailable."
            : null;
    }
}
