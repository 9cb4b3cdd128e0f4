using System.Globalization;
using Aerie.Panel.Locations;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Api;

/// <summary>
/// Every issue 11 route that reads a body, sent broken JSON and a JSON value that is not an object (spec 04 §1.1):
/// 400 <c>BadRequestHttpException</c> "The JSON data passed in the request appears to be malformed: …", on real
/// resources the caller may change, so nothing but the body can be the reason.
/// </summary>
public abstract class MalformedBodySweepTests(PanelFixture fixture)
{
    private const string Malformed = "The JSON data passed in the request appears to be malformed: ";

    protected PanelFixture Fixture { get; } = fixture;

    [Fact]
    public async Task ApplicationRoutes_BrokenOrNonObjectJson_Is400()
    {
        using var admin = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync(admin: true)).User));
        var (user, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(user);
        var location = await Fixture.WithScopeAsync(sp => sp.GetRequiredService<LocationService>().CreateAsync(PanelFixture.Unique("l"), null, CancellationToken.None));
        var node = Fixture.PanelNode.Id.ToString(CultureInfo.InvariantCulture);
        string[] routes =
        [
            "POST /api/application/users", $"PATCH /api/application/users/{user.Id}",
            "POST /api/application/nodes", $"PATCH /api/application/nodes/{node}", $"POST /api/application/nodes/{node}/allocations",
            "POST /api/application/locations", $"PATCH /api/application/locations/{location.Id}",
            "POST /api/application/nests",
            "POST /api/application/servers", $"PATCH /api/application/servers/{server.Id}/details", $"PATCH /api/application/servers/{server.Id}/build",
            $"PATCH /api/application/servers/{server.Id}/startup",
        ];
        Assert.Empty(await SweepAsync(admin, routes));
    }

    [Fact]
    public async Task ClientRoutes_BrokenOrNonObjectJson_Is400()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, sub, "control.console");
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        var s = $"/api/client/servers/{server.Identifier}";
        string[] routes =
        [
            "PUT /api/client/account/email", "PUT /api/client/account/password", "POST /api/client/account/api-keys",
            $"POST {s}/power", $"POST {s}/command", $"POST {s}/settings/rename", $"PUT {s}/settings/docker-image",
            $"POST {s}/users", $"POST {s}/users/{sub.Uuid}",
        ];
        Assert.Empty(await SweepAsync(client, routes));
    }

    private static async Task<List<string>> SweepAsync(HttpClient client, string[] routes)
    {
        var failures = new List<string>();
        foreach (var route in routes)
        {
            var space = route.IndexOf(' ', StringComparison.Ordinal);
            foreach (var body in new[] { """{"name":""", "[1,2]", "\"text\"" })
            {
                // The detail starts with the fixed text; the parser's own words follow it.
                await RouteCheck.ExpectAsync(failures, client, route[..space], route[(space + 1)..], body, 400, Malformed, "BadRequestHttpException", prefix: true);
            }
        }
        return failures;
    }
}

public sealed class MalformedBodySweepSqliteTests(SqlitePanelFixture f) : MalformedBodySweepTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class MalformedBodySweepPostgresTests(PostgresPanelFixture f) : MalformedBodySweepTests(f), IClassFixture<PostgresPanelFixture>;
