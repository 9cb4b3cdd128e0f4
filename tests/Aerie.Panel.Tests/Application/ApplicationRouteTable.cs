using Aerie.Panel.ApiKeys;

namespace Aerie.Panel.Tests.Application;

/// <summary>
/// One Application API route of spec 04 §3 (issue 11's, plus the user suspension extra), the <c>r_*</c> resource
/// it checks and what an administrator gets from it when it names nothing that exists: lists 200, creates with
/// <c>{}</c> 422, anything addressing an unknown id 404 (spec 04 §1.1, whatever the body).
/// </summary>
/// <param name="Path">with <c>{node}</c> and <c>{nest}</c> for a real node and nest; 99999999 is an id nobody has</param>
internal sealed record ApplicationRoute(string Method, string Path, ApplicationResource Resource, int Answer)
{
    public const int Unknown = 99_999_999;

    public bool IsRead => Method == "GET";

    /// <summary>The route as the panel maps it, parameters as <c>{}</c>: <c>GET /api/application/users/{}</c> (the force delete is <c>/{id}/{mode}</c>).</summary>
    public string Template => $"{Method} {Path.Replace("99999999", "{}", StringComparison.Ordinal).Replace("no-such-external-id", "{}", StringComparison.Ordinal).Replace("{node}", "{}", StringComparison.Ordinal).Replace("{nest}", "{}", StringComparison.Ordinal).Replace("/{}/force", "/{}/{}", StringComparison.Ordinal)}";

    public override string ToString() => $"{Method} {Path}";

    /// <summary>Every route of the table; <see cref="ApplicationRouteSweepTests"/> checks the inventory against the panel's.</summary>
    public static IReadOnlyList<ApplicationRoute> All { get; } =
    [
        new("GET", "/api/application/users", ApplicationResource.Users, 200),
        new("GET", "/api/application/users/99999999", ApplicationResource.Users, 404),
        new("GET", "/api/application/users/external/no-such-external-id", ApplicationResource.Users, 404),
        new("POST", "/api/application/users", ApplicationResource.Users, 422),
        new("PATCH", "/api/application/users/99999999", ApplicationResource.Users, 404),
        new("DELETE", "/api/application/users/99999999", ApplicationResource.Users, 404),
        new("POST", "/api/application/users/99999999/suspend", ApplicationResource.Users, 404),
        new("POST", "/api/application/users/99999999/unsuspend", ApplicationResource.Users, 404),

        new("GET", "/api/application/nodes", ApplicationResource.Nodes, 200),
        new("GET", "/api/application/nodes/deployable", ApplicationResource.Nodes, 422),
        new("GET", "/api/application/nodes/99999999", ApplicationResource.Nodes, 404),
        new("GET", "/api/application/nodes/99999999/configuration", ApplicationResource.Nodes, 404),
        new("POST", "/api/application/nodes", ApplicationResource.Nodes, 422),
        new("PATCH", "/api/application/nodes/99999999", ApplicationResource.Nodes, 404),
        new("DELETE", "/api/application/nodes/99999999", ApplicationResource.Nodes, 404),

        new("GET", "/api/application/nodes/{node}/allocations", ApplicationResource.Allocations, 200),
        new("GET", "/api/application/nodes/99999999/allocations", ApplicationResource.Allocations, 404),
        new("POST", "/api/application/nodes/{node}/allocations", ApplicationResource.Allocations, 422),
        new("POST", "/api/application/nodes/99999999/allocations", ApplicationResource.Allocations, 404),
        new("DELETE", "/api/application/nodes/{node}/allocations/99999999", ApplicationResource.Allocations, 404),

        new("GET", "/api/application/locations", ApplicationResource.Locations, 200),
        new("GET", "/api/application/locations/99999999", ApplicationResource.Locations, 404),
        new("POST", "/api/application/locations", ApplicationResource.Locations, 422),
        new("PATCH", "/api/application/locations/99999999", ApplicationResource.Locations, 404),
        new("DELETE", "/api/application/locations/99999999", ApplicationResource.Locations, 404),

        new("GET", "/api/application/nests", ApplicationResource.Nests, 200),
        new("GET", "/api/application/nests/99999999", ApplicationResource.Nests, 404),
        new("POST", "/api/application/nests", ApplicationResource.Nests, 422),
        new("GET", "/api/application/nests/{nest}/eggs", ApplicationResource.Eggs, 200),
        new("GET", "/api/application/nests/99999999/eggs", ApplicationResource.Eggs, 404),
        new("GET", "/api/application/nests/{nest}/eggs/99999999", ApplicationResource.Eggs, 404),
        new("GET", "/api/application/nests/{nest}/eggs/99999999/export", ApplicationResource.Eggs, 404),
        new("POST", "/api/application/nests/{nest}/eggs/import", ApplicationResource.Eggs, 422),
        new("POST", "/api/application/nests/99999999/eggs/import", ApplicationResource.Eggs, 404),
        new("DELETE", "/api/application/nests/{nest}/eggs/99999999", ApplicationResource.Eggs, 404),

        new("GET", "/api/application/servers", ApplicationResource.Servers, 200),
        new("GET", "/api/application/servers/99999999", ApplicationResource.Servers, 404),
        new("GET", "/api/application/servers/external/no-such-external-id", ApplicationResource.Servers, 404),
        new("POST", "/api/application/servers", ApplicationResource.Servers, 422),
        new("PATCH", "/api/application/servers/99999999/details", ApplicationResource.Servers, 404),
        new("PATCH", "/api/application/servers/99999999/build", ApplicationResource.Servers, 404),
        new("PATCH", "/api/application/servers/99999999/startup", ApplicationResource.Servers, 404),
        new("POST", "/api/application/servers/99999999/suspend", ApplicationResource.Servers, 404),
        new("POST", "/api/application/servers/99999999/unsuspend", ApplicationResource.Servers, 404),
        new("POST", "/api/application/servers/99999999/reinstall", ApplicationResource.Servers, 404),
        new("DELETE", "/api/application/servers/99999999", ApplicationResource.Servers, 404),
        new("DELETE", "/api/application/servers/99999999/force", ApplicationResource.Servers, 404),
    ];
}
