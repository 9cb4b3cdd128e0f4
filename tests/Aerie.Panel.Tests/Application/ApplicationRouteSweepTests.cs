using System.Globalization;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Application;

/// <summary>
/// Every Application route of <see cref="ApplicationRoute.All"/>, each with every kind of caller (spec 04 §1.2): none
/// (401), a non-administrator's <c>ptlc_</c> key (403), an application key holding every flag but the route's (403),
/// one holding only the other bit of the route's flag (403), and one holding just the bit it needs, which reaches the
/// route (its 200, 422 or 404 for the unknown id). Each check is a separate request; failures are listed together.
/// </summary>
public abstract class ApplicationRouteSweepTests(PanelFixture fixture)
{
    private const string Unauthorized = "This action is unauthorized.";

    protected PanelFixture Fixture { get; } = fixture;

    [Fact]
    public async Task Anonymous_Is401_NonAdministratorClientKey_Is403()
    {
        using var anonymous = Fixture.Panel.Client();
        using var plain = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync()).User));
        var paths = await PathsAsync();
        var failures = new List<string>();
        foreach (var route in ApplicationRoute.All)
        {
            await ExpectAsync(failures, anonymous, route, paths, 401, "Unauthenticated.");
            await ExpectAsync(failures, plain, route, paths, 403, AuthFilter.NotAnApiAdministrator);
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task ApplicationKey_WithoutTheRoutesBit_Is403_WithIt_ReachesTheRoute()
    {
        var paths = await PathsAsync();
        var failures = new List<string>();
        foreach (var resource in ApplicationRoute.All.Select(r => r.Resource).Distinct())
        {
            var others = Enum.GetValues<ApplicationResource>().Where(r => r != resource).ToDictionary(r => r, _ => ApplicationMasks.ReadWrite);
            using var everyOther = await KeyAsync(others);
            using var readOnly = await KeyAsync(new() { [resource] = ApplicationMasks.Read });
            using var writeOnly = await KeyAsync(new() { [resource] = ApplicationMasks.Write });
            foreach (var route in ApplicationRoute.All.Where(r => r.Resource == resource))
            {
                await ExpectAsync(failures, everyOther, route, paths, 403, Unauthorized);
                await ExpectAsync(failures, route.IsRead ? writeOnly : readOnly, route, paths, 403, Unauthorized);
                await ExpectAsync(failures, route.IsRead ? readOnly : writeOnly, route, paths, route.Answer, null);
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task AdministratorsClientKey_ReachesEveryRoute()
    {
        using var admin = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync(admin: true)).User));
        var paths = await PathsAsync();
        var failures = new List<string>();
        foreach (var route in ApplicationRoute.All)
        {
            await ExpectAsync(failures, admin, route, paths, route.Answer, null);
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>The node and nest the paths name (the unknown ids need no set-up).</summary>
    private async Task<Dictionary<string, string>> PathsAsync()
    {
        var nest = await Fixture.WithScopeAsync(async sp =>
            (await sp.GetRequiredService<EggCatalog>().CreateNestAsync(PanelFixture.Unique("nest"), null, "sweep@example.test", CancellationToken.None)).Id);
        return new()
        {
            ["{node}"] = Fixture.PanelNode.Id.ToString(CultureInfo.InvariantCulture),
            ["{nest}"] = nest.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static Task ExpectAsync(List<string> failures, HttpClient client, ApplicationRoute route, Dictionary<string, string> paths, int status, string? detail) =>
        RouteCheck.ExpectAsync(failures, client, route.Method, paths.Aggregate(route.Path, (p, kv) => p.Replace(kv.Key, kv.Value, StringComparison.Ordinal)),
            route.Method is "POST" or "PATCH" ? "{}" : null, status, detail);

    private async Task<HttpClient> KeyAsync(Dictionary<ApplicationResource, int> masks)
    {
        // One administrator per key: the Application API's rate limit counts per user (spec 04 §1.6).
        var (admin, _) = await Fixture.CreateUserAsync(admin: true);
        var token = await Fixture.WithScopeAsync(async sp =>
        {
            var user = await sp.GetRequiredService<PanelDb>().Users.FindAsync(admin.Id);
            return (await sp.GetRequiredService<ApiKeyService>().CreateApplicationAsync(user!, "sweep", masks, null, CancellationToken.None)).Token;
        });
        return Fixture.ApiKeyClient(token);
    }
}

public sealed class ApplicationRouteSweepSqliteTests(SqlitePanelFixture f) : ApplicationRouteSweepTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ApplicationRouteSweepPostgresTests(PostgresPanelFixture f) : ApplicationRouteSweepTests(f), IClassFixture<PostgresPanelFixture>;
