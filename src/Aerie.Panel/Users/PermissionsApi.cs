using System.Text.Json.Nodes;
using Aerie.Contracts.Permissions;
using Aerie.Panel.Api;
using Aerie.Panel.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Panel.Users;

/// <summary><c>GET /api/client/permissions</c> (spec 04 §2.2): the subuser permission vocabulary, grouped as Pterodactyl does.</summary>
internal static class PermissionsApi
{
    private static readonly Dictionary<string, string> Groups = new(StringComparer.Ordinal)
    {
        ["websocket"] = "Allows the user to connect to the server websocket, giving them access to view console output and realtime server stats.",
        ["control"] = "Permissions that control a user's ability to control the power state of a server, or send commands.",
        ["user"] = "Permissions that allow a user to manage other subusers on a server.",
        ["file"] = "Permissions that control a user's ability to modify the filesystem for this server.",
        ["backup"] = "Permissions that control a user's ability to generate and manage server backups.",
        ["allocation"] = "Permissions that control a user's ability to modify the port allocations for this server.",
        ["startup"] = "Permissions that control a user's ability to view this server's startup parameters.",
        ["database"] = "Permissions that control a user's access to the database management for this server.",
        ["schedule"] = "Permissions that control a user's access to the schedule management for this server.",
        ["settings"] = "Permissions that control a user's access to the settings for this server.",
        ["activity"] = "Permissions that control a user's access to the server activity logs.",
    };

    public static IEndpointRouteBuilder MapPermissions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/client/permissions", () => Results.Json(Document())).AddEndpointFilter(new AuthFilter(adminOnly: false));
        return app;
    }

    public static JsonObject Document()
    {
        var groups = new JsonObject();
        foreach (var permission in Permission.Subuser)
        {
            var (group, key) = (permission[..permission.IndexOf('.', StringComparison.Ordinal)], permission[(permission.IndexOf('.', StringComparison.Ordinal) + 1)..]);
            if (groups[group] is not JsonObject entry)
            {
                entry = new JsonObject { ["description"] = Groups.GetValueOrDefault(group, ""), ["keys"] = new JsonObject() };
                groups[group] = entry;
            }
            entry["keys"]![key] = $"Allows the user to {key.Replace('-', ' ').Replace('_', ' ')} ({permission}).";
        }
        return Fractal.Item("system_permissions", new JsonObject { ["permissions"] = groups });
    }
}
