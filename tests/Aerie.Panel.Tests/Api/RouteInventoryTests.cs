using System.Text.RegularExpressions;
using Aerie.Panel.Tests.Application;
using Aerie.Panel.Tests.ClientServers;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Api;

/// <summary>
/// What the panel maps under <c>/api/</c>, against the route sweeps' tables: every Client and Application route is
/// either swept (<see cref="ClientRoute.All"/>, <see cref="ApplicationRoute.All"/>: issue 11's) or named below with the
/// tests that own it, and nothing else is served under <c>/api/</c> but the node's remote API (spec 03). A route added
/// without its permission checks being swept fails here; so would a leftover of the old private API.
/// </summary>
public sealed partial class RouteInventoryTests(SqlitePanelFixture fixture) : IClassFixture<SqlitePanelFixture>
{
    /// <summary>Spec 04 routes other issues own, each checked by the tests named.</summary>
    private static readonly string[] OwnedElsewhere =
    [
        // spec 01 (CredentialsEndpointTests)
        "GET /api/client/servers/{}/websocket",
        // two-factor (TwoFactorTests)
        "GET /api/client/account/two-factor", "POST /api/client/account/two-factor", "POST /api/client/account/two-factor/disable", "DELETE /api/client/account/two-factor",
        // startup variables (StartupApiTests)
        "GET /api/client/servers/{}/startup", "PUT /api/client/servers/{}/startup/variable",
        // network allocations (NetworkApiTests)
        "GET /api/client/servers/{}/network/allocations", "POST /api/client/servers/{}/network/allocations", "POST /api/client/servers/{}/network/allocations/{}",
        "POST /api/client/servers/{}/network/allocations/{}/primary", "DELETE /api/client/servers/{}/network/allocations/{}",
        // files (FilesApiTests)
        "GET /api/client/servers/{}/files/list", "GET /api/client/servers/{}/files/contents", "GET /api/client/servers/{}/files/download", "GET /api/client/servers/{}/files/upload",
        "POST /api/client/servers/{}/files/write", "PUT /api/client/servers/{}/files/rename", "POST /api/client/servers/{}/files/copy", "POST /api/client/servers/{}/files/compress",
        "POST /api/client/servers/{}/files/decompress", "POST /api/client/servers/{}/files/delete", "POST /api/client/servers/{}/files/create-folder",
        "POST /api/client/servers/{}/files/chmod", "POST /api/client/servers/{}/files/pull",
        // backups (BackupsApiTests)
        "GET /api/client/servers/{}/backups", "POST /api/client/servers/{}/backups", "GET /api/client/servers/{}/backups/{}", "GET /api/client/servers/{}/backups/{}/download",
        "POST /api/client/servers/{}/backups/{}/lock", "POST /api/client/servers/{}/backups/{}/restore", "DELETE /api/client/servers/{}/backups/{}",
        "GET /api/client/servers/{}/backups/retention", "PUT /api/client/servers/{}/backups/retention", "GET /api/client/servers/{}/backups/retention/preview",
        // schedules (ScheduleRoutesTests)
        "GET /api/client/servers/{}/schedules", "POST /api/client/servers/{}/schedules", "POST /api/client/servers/{}/schedules/preview", "GET /api/client/servers/{}/schedules/{}",
        "POST /api/client/servers/{}/schedules/{}", "PATCH /api/client/servers/{}/schedules/{}", "POST /api/client/servers/{}/schedules/{}/execute",
        "DELETE /api/client/servers/{}/schedules/{}", "POST /api/client/servers/{}/schedules/{}/tasks", "POST /api/client/servers/{}/schedules/{}/tasks/{}",
        "DELETE /api/client/servers/{}/schedules/{}/tasks/{}",
        // application keys, a signed-in administrator's session only (ApplicationKeysRoutesTests)
        "GET /api/application/api-keys", "POST /api/application/api-keys", "DELETE /api/application/api-keys/{}",
    ];

    [Fact]
    public void EveryClientAndApplicationRoute_IsSweptOrOwnedElsewhere_AndNothingElseIsUnderApi()
    {
        var mapped = fixture.Panel.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {Template(e.RoutePattern.RawText!)}"))
            .ToHashSet(StringComparer.Ordinal);

        var stray = mapped.Where(r => !r.Contains(" /api/client", StringComparison.Ordinal) && !r.Contains(" /api/application", StringComparison.Ordinal)
            && !r.Contains(" /api/remote/", StringComparison.Ordinal)).Order().ToList();
        Assert.True(stray.Count == 0, "served under /api/ outside spec 03/04: " + string.Join(", ", stray));

        var listed = ClientRoute.All.Select(r => r.Template).Concat(ApplicationRoute.All.Select(r => r.Template)).Concat(OwnedElsewhere).ToHashSet(StringComparer.Ordinal);
        var unlisted = mapped.Where(r => !r.Contains(" /api/remote/", StringComparison.Ordinal) && !listed.Contains(r)).Order().ToList();
        Assert.True(unlisted.Count == 0, "mapped but in no sweep and owned by no other tests: " + string.Join(", ", unlisted));
        var missing = listed.Where(r => !mapped.Contains(r)).Order().ToList();
        Assert.True(missing.Count == 0, "listed but not mapped: " + string.Join(", ", missing));
    }

    /// <summary><c>/api/application/users/{id:int}/</c> → <c>/api/application/users/{}</c>.</summary>
    private static string Template(string raw)
    {
        var template = Parameter().Replace(raw, "{}");
        return template.Length > 1 ? template.TrimEnd('/') : template;
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
