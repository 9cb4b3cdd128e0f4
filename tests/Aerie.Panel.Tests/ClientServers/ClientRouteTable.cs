using Aerie.Contracts.Permissions;

namespace Aerie.Panel.Tests.ClientServers;

/// <summary>
/// One Client API route of spec 04 §2 that issue 11 owns (account, server list, details, resources, power, command,
/// activity, settings, subusers), the subuser permission it needs and, for a subuser holding just that, the body it
/// sends and the answer it gets — a body the route refuses (422) where that proves the permission check passed
/// without changing anything.
/// </summary>
/// <param name="Path"><c>{server}</c> = the server's identifier, <c>{other}</c> = the UUID of another subuser of it</param>
/// <param name="Needs">the permission, or null: any subuser may call it</param>
internal sealed record ClientRoute(string Method, string Path, string? Needs, string? Body, int Answer)
{
    public bool OnServer => Path.Contains("{server}", StringComparison.Ordinal);

    /// <summary>The route as the panel maps it, parameters as <c>{}</c>.</summary>
    public string Template => $"{Method} {Path.Replace("{server}", "{}", StringComparison.Ordinal).Replace("{other}", "{}", StringComparison.Ordinal).Replace("ptlc_nosuchkey00", "{}", StringComparison.Ordinal)}";

    public override string ToString() => $"{Method} {Path}";

    public static IReadOnlyList<ClientRoute> All { get; } =
    [
        new("GET", "/api/client", null, null, 200),
        new("GET", "/api/client/permissions", null, null, 200),
        new("GET", "/api/client/account", null, null, 200),
        new("PUT", "/api/client/account/email", null, "{}", 400),
        new("PUT", "/api/client/account/password", null, "{}", 400),
        new("GET", "/api/client/account/api-keys", null, null, 200),
        new("POST", "/api/client/account/api-keys", null, "{}", 422),
        new("DELETE", "/api/client/account/api-keys/ptlc_nosuchkey00", null, null, 404),
        new("GET", "/api/client/account/activity", null, null, 200),

        new("GET", "/api/client/servers/{server}", null, null, 200),
        new("GET", "/api/client/servers/{server}/resources", null, null, 200),
        new("POST", "/api/client/servers/{server}/power", Permission.ControlStop, """{"signal":"kill"}""", 204),
        new("POST", "/api/client/servers/{server}/command", Permission.ControlConsole, """{"command":""}""", 422),
        new("GET", "/api/client/servers/{server}/activity", "activity.read", null, 200),
        new("POST", "/api/client/servers/{server}/settings/rename", "settings.rename", """{"name":""}""", 422),
        new("POST", "/api/client/servers/{server}/settings/reinstall", "settings.reinstall", null, 202),
        new("PUT", "/api/client/servers/{server}/settings/docker-image", "startup.docker-image", "{}", 422),
        new("GET", "/api/client/servers/{server}/users", "user.read", null, 200),
        new("POST", "/api/client/servers/{server}/users", "user.create", "{}", 422),
        new("GET", "/api/client/servers/{server}/users/{other}", "user.read", null, 200),
        new("POST", "/api/client/servers/{server}/users/{other}", "user.update", """{"permissions":[]}""", 200),
        new("DELETE", "/api/client/servers/{server}/users/{other}", "user.delete", null, 204),
    ];
}
