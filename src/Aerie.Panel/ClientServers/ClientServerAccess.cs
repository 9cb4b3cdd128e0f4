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
}
