using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Servers;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.ClientServers;

/// <summary>Resolves <c>{server}</c> for the caller: owner, administrator or subuser, else the 404 that reveals nothing.</summary>
internal static class ClientServerAccess
{
    public const string NotFoundText = "The requested resource does not exist on this server.";

    /// <summary>The 404 text for a nested id (subuser, allocation, backup...) that does not belong to the server.</summary>
    public const string NotForThisServerText = "The requested resource was not found for this server.";

    /// <exception cref="PanelProblem">404 when the server is unknown or the caller has no access to it</exception>
    public static async Task<ServerScope> ResolveAsync(HttpContext http, PanelDb db, string key)
    {
        var caller = Caller.Of(http);
        var server = key.Length <= 64 ? await ServerAccess.FindAsync(db, key, http.RequestAborted) : null;
        var permissions = server is null ? null : await ServerAccess.EffectiveAsync(db, caller.User, server, http.RequestAborted);
        if (server is null || permissions is null)
        {
            throw new PanelProblem(404, NotFoundText);
        }
        return new ServerScope(server, caller, permissions);
    }

    /// <summary>
    /// Spec 04 §2.0's checks for every route under <c>/servers/{server}</c> but its details, in Pterodactyl's order:
    /// no access 404, then the server's state 409, then the missing permission 403.
    /// </summary>
    /// <exception cref="PanelProblem">404, 409 or 403 as above</exception>
    public static async Task<ServerScope> RequireAsync(HttpContext http, PanelDb db, string key, string permission) =>
        (await ResolveAsync(http, db, key)).Usable().Require(permission);
}
