using Aerie.Contracts.Permissions;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Auth;
using Aerie.Panel.ClientServers;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.ClientServers;

/// <summary>
/// Every Client route of <see cref="ClientRoute.All"/> with every kind of caller (spec 04 §1.2, §2.0): none (401), an
/// application key (403), another user (404 for a server route, never revealing it), a subuser holding every
/// permission but the route's (403) and one holding only the route's (its answer). Failures are listed together.
/// </summary>
public abstract class ClientRouteSweepTests(PanelFixture fixture)
{
    private const string Unauthorized = "This action is unauthorized.";

    protected PanelFixture Fixture { get; } = fixture;

    [Fact]
    public async Task Anonymous_Is401_ApplicationKey_Is403_AnotherUser_Is404()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (admin, _) = await Fixture.CreateUserAsync(admin: true);
        // Every answer here comes before any node call, so the server's node need not be up.
        var (node, _) = await Fixture.CreateNodeAsync($"http://127.0.0.1:{FreePort.Next()}");
        var server = await Fixture.CreateServerAsync(owner, nodeId: node.Id);
        var (other, _) = await Fixture.CreateUserAsync();
        await Fixture.AddSubuserAsync(server, other, Permission.ControlConsole);
        var values = Values(server, other);
        using var anonymous = Fixture.Panel.Client();
        using var application = Fixture.ApiKeyClient(await ApplicationKeyAsync(admin));
        using var stranger = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync()).User));
        var failures = new List<string>();
        foreach (var route in ClientRoute.All)
        {
            await ExpectAsync(failures, anonymous, route, values, route.Body, 401, "Unauthenticated.");
            await ExpectAsync(failures, application, route, values, route.Body, 403, AuthFilter.ApplicationKeyOnClient);
            if (route.OnServer)
            {
                await ExpectAsync(failures, stranger, route, values, route.Body, 404, ClientServerAccess.NotFoundText);
                await ExpectAsync(failures, stranger, route, new(values) { ["{server}"] = "0badc0de" }, route.Body, 404, ClientServerAccess.NotFoundText);
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Subuser_WithoutTheRoutesPermission_Is403_WithOnlyIt_ReachesTheRoute()
    {
        var failures = new List<string>();
        foreach (var route in ClientRoute.All.Where(r => r.OnServer))
        {
            // A server of its own per route: the answers change it (reinstall, a removed subuser).
            var (owner, _) = await Fixture.CreateUserAsync();
            var server = await Fixture.CreateServerAsync(owner);
            var (other, _) = await Fixture.CreateUserAsync();
            await Fixture.AddSubuserAsync(server, other, Permission.ControlConsole);
            var values = Values(server, other);
            if (route.Needs is { } needed)
            {
                using var lacking = await SubuserAsync(server, [.. Permission.Subuser.Where(p => p != needed)]);
                await ExpectAsync(failures, lacking, route, values, route.Body, 403, Unauthorized);
                using var holding = await SubuserAsync(server, needed);
                await ExpectAsync(failures, holding, route, values, route.Body, route.Answer, null);
            }
            else
            {
                using var bare = await SubuserAsync(server);
                await ExpectAsync(failures, bare, route, values, route.Body, route.Answer, null);
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static Dictionary<string, string> Values(GameServer server, PanelUser other) => new()
    {
        ["{server}"] = server.Identifier,
        ["{other}"] = other.Uuid.ToString(),
    };

    /// <summary>A new user made a subuser of <paramref name="server"/> with these permissions (websocket.connect is always added).</summary>
    private async Task<HttpClient> SubuserAsync(GameServer server, params string[] permissions)
    {
        var (user, _) = await Fixture.CreateUserAsync();
        await Fixture.AddSubuserAsync(server, user, permissions);
        return Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));
    }

    private Task<string> ApplicationKeyAsync(PanelUser admin) => Fixture.WithScopeAsync(async sp =>
    {
        var user = await sp.GetRequiredService<PanelDb>().Users.FindAsync(admin.Id);
        var every = Enum.GetValues<ApplicationResource>().ToDictionary(r => r, _ => ApplicationMasks.ReadWrite);
        return (await sp.GetRequiredService<ApiKeyService>().CreateApplicationAsync(user!, "sweep", every, null, CancellationToken.None)).Token;
    });

    private static Task ExpectAsync(List<string> failures, HttpClient client, ClientRoute route, Dictionary<string, string> values, string? body, int status, string? detail) =>
        RouteCheck.ExpectAsync(failures, client, route.Method, values.Aggregate(route.Path, (p, kv) => p.Replace(kv.Key, kv.Value, StringComparison.Ordinal)), body, status, detail);
}

public sealed class ClientRouteSweepSqliteTests(SqlitePanelFixture f) : ClientRouteSweepTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ClientRouteSweepPostgresTests(PostgresPanelFixture f) : ClientRouteSweepTests(f), IClassFixture<PostgresPanelFixture>;
