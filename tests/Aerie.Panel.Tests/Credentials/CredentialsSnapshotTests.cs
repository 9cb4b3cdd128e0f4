using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Contracts.PanelApi;
using Aerie.Contracts.Permissions;
using Aerie.Contracts.Tokens;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Nodes;
using Aerie.Panel.Servers;
using Aerie.Panel.Subusers;
using Aerie.Panel.Tests.Infrastructure;
using Aerie.Panel.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Aerie.Panel.Tests.Credentials;

/// <summary>
/// The credentials endpoint remembers callers and servers (<see cref="Panel.Credentials.CredentialsSnapshots"/>): one
/// test per change that must empty that memory. Each asks twice first (the second answer comes from memory), makes the
/// change, and asserts that the very next request sees it. Runs once per database.
/// </summary>
public abstract class CredentialsSnapshotTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    private static string Route(string server) => CredentialsRequests.Route(server);

    private static async Task WarmAsync(HttpClient client, GameServer server)
    {
        await CredentialsRequests.GetAsync(client, server.Identifier);
        await CredentialsRequests.GetAsync(client, server.Identifier);
    }

    private Task<int> WithAsync(Func<IServiceProvider, Task> change) => Fixture.WithScopeAsync(async sp =>
    {
        await change(sp);
        return 0;
    });

    [Fact]
    public async Task Snapshots_KeyRevoked_NextRequestIs401()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        var key = await Fixture.CreateApiKeyAsync(owner);
        using var client = Fixture.ApiKeyClient(key);
        await WarmAsync(client, server);
        await WithAsync(async sp =>
        {
            var user = await sp.GetRequiredService<PanelDb>().Users.FirstAsync(u => u.Id == owner.Id);
            await sp.GetRequiredService<ApiKeyService>().RevokeAsync(user, key[..ApiKeyService.IdentifierLength], CancellationToken.None);
        });
        await CredentialsRequests.AssertErrorAsync(await client.GetAsync(Route(server.Identifier)), 401, CredentialsMessages.Unauthenticated);
    }

    [Fact]
    public async Task Snapshots_Logout_NextRequestWithThatCookieIs401()
    {
        var (owner, password) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(Fixture.Panel.Url) };
        using (var login = await browser.PostAsJsonAsync("/auth/login", new { login = owner.Username, password }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
        var jar = cookies.GetCookies(new Uri(Fixture.Panel.Url));
        browser.DefaultRequestHeaders.Add("X-CSRF-Token", jar["aerie_csrf"]!.Value);
        // The cookie as it was, replayed after the logout (the browser's own jar forgets it).
        using var replay = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(Fixture.Panel.Url) };
        replay.DefaultRequestHeaders.Add("Cookie", $"{AuthCookies.Session}={jar[AuthCookies.Session]!.Value}");
        await WarmAsync(replay, server);
        using (var logout = await browser.PostAsync("/auth/logout", null))
        {
            Assert.True(logout.IsSuccessStatusCode, await logout.Content.ReadAsStringAsync());
        }
        await CredentialsRequests.AssertErrorAsync(await replay.GetAsync(Route(server.Identifier)), 401, CredentialsMessages.Unauthenticated);
    }

    [Fact]
    public async Task Snapshots_PasswordReset_SessionCallerNextRequestIs401()
    {
        var (owner, password) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var browser = await Fixture.LoginAsync(owner, password);
        await WarmAsync(browser, server);
        await WithAsync(sp => sp.GetRequiredService<UserService>().ResetPasswordAsync(owner.Id, "another horse battery", CancellationToken.None));
        await CredentialsRequests.AssertErrorAsync(await browser.GetAsync(Route(server.Identifier)), 401, CredentialsMessages.Unauthenticated);
    }

    [Fact]
    public async Task Snapshots_UserSuspended_NextRequestIs401()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        await WarmAsync(client, server);
        await WithAsync(sp => sp.GetRequiredService<UserService>().SetSuspendedAsync(owner.Id, true, CancellationToken.None));
        await CredentialsRequests.AssertErrorAsync(await client.GetAsync(Route(server.Identifier)), 401, CredentialsMessages.Unauthenticated);
    }

    [Fact]
    public async Task Snapshots_UserDeleted_NextRequestIs401()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, sub);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(sub));
        await WarmAsync(client, server);
        await WithAsync(sp => sp.GetRequiredService<UserService>().DeleteAsync(sub.Id, CancellationToken.None));
        await CredentialsRequests.AssertErrorAsync(await client.GetAsync(Route(server.Identifier)), 401, CredentialsMessages.Unauthenticated);
    }

    [Fact]
    public async Task Snapshots_SubuserRemoved_NextRequestIs404()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, sub);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(sub));
        await WarmAsync(client, server);
        await WithAsync(async sp =>
        {
            var s = await sp.GetRequiredService<ServerService>().FindAsync(server.Uuid, CancellationToken.None);
            await sp.GetRequiredService<SubuserService>().RemoveAsync(s, sub.Uuid, CancellationToken.None);
        });
        await CredentialsRequests.AssertErrorAsync(await client.GetAsync(Route(server.Identifier)), 404, CredentialsMessages.NotFound);
    }

    [Fact]
    public async Task Snapshots_SubuserPermissionsChanged_NextTokenCarriesTheNewList()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, sub, Permission.ControlConsole);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(sub));
        await WarmAsync(client, server);
        await WithAsync(async sp =>
        {
            var s = await sp.GetRequiredService<ServerService>().FindAsync(server.Uuid, CancellationToken.None);
            await sp.GetRequiredService<SubuserService>().UpdateAsync(s, sub.Uuid, [Permission.WebsocketConnect], null, CancellationToken.None);
        });
        var (token, _) = await CredentialsRequests.GetAsync(client, server.Identifier);
        var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(new JsonWebToken(token).EncodedPayload)).RootElement;
        var permissions = payload.GetProperty(TokenClaims.Permissions).EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.DoesNotContain(Permission.ControlConsole, permissions);
        Assert.Contains(Permission.WebsocketConnect, permissions);
    }

    [Fact]
    public async Task Snapshots_OwnerChanged_FormerOwnerNextRequestIs404()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (heir, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        await WarmAsync(client, server);
        await WithAsync(sp => sp.GetRequiredService<ServerService>().UpdateAsync(server.Uuid, new ServerRequest(OwnerUuid: heir.Uuid), CancellationToken.None));
        await CredentialsRequests.AssertErrorAsync(await client.GetAsync(Route(server.Identifier)), 404, CredentialsMessages.NotFound);
    }

    [Fact]
    public async Task Snapshots_ServerSuspended_NextRequestIs409()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        await WarmAsync(client, server);
        await WithAsync(sp => sp.GetRequiredService<ServerService>().SetSuspendedAsync(server.Id, true, CancellationToken.None));
        await CredentialsRequests.AssertErrorAsync(await client.GetAsync(Route(server.Identifier)), 409, CredentialsMessages.Suspended);
    }

    [Fact]
    public async Task Snapshots_NodeAddressChanged_NextSocketUrlUsesIt()
    {
        await using var node = await Fixture.StartNodeAsync(reachable: false);
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, node.PanelNode.Id);
        await node.AddServerAsync(server.Uuid);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        await WarmAsync(client, server);
        await WithAsync(async sp =>
        {
            var nodes = sp.GetRequiredService<NodeService>();
            var details = await nodes.UrlDetailsAsync(node.PanelNode.Name, node.Url, "https://moved.example.com:8443", CancellationToken.None);
            await nodes.ReplaceAsync(node.PanelNode.Id, details, resetSecret: false, CancellationToken.None);
        });
        var (_, socket) = await CredentialsRequests.GetAsync(client, server.Identifier);
        Assert.StartsWith("wss://moved.example.com:8443/", socket, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshots_ChangeCommittedByAnotherProcess_NextRequestSeesIt()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        await WarmAsync(client, server);
        // Another process (an operator command, a second panel): its own context on the same database, nothing in memory shared.
        await using (var other = OtherProcessDb())
        {
            var user = await other.Users.FirstAsync(u => u.Id == owner.Id);
            user.Suspended = true;
            await other.SaveChangesAsync();
        }
        await CredentialsRequests.AssertErrorAsync(await client.GetAsync(Route(server.Identifier)), 401, CredentialsMessages.Unauthenticated);
    }

    [Fact]
    public async Task Snapshots_RawSqlFromAnotherProgram_NextRequestSeesIt()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        await WarmAsync(client, server);
        // No EF change tracking, no code of ours: only the database's triggers can see this write.
        await using (var other = OtherProcessDb())
        {
            await other.Database.ExecuteSqlAsync($"UPDATE \"Servers\" SET \"Suspended\" = {true} WHERE \"Id\" = {server.Id}");
        }
        await CredentialsRequests.AssertErrorAsync(await client.GetAsync(Route(server.Identifier)), 409, CredentialsMessages.Suspended);
    }

    [Fact]
    public async Task AccessStamp_KeyLastUsedWrite_LeavesItAlone_RevocationRaisesIt()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var key = await Fixture.CreateApiKeyAsync(owner);
        var identifier = key[..ApiKeyService.IdentifierLength];
        await using var other = OtherProcessDb();
        var before = await StampAsync(other);
        await other.ApiKeys.Where(k => k.Identifier == identifier).ExecuteUpdateAsync(u => u.SetProperty(k => k.LastUsedAt, DateTimeOffset.UtcNow));
        Assert.Equal(before, await StampAsync(other));
        await other.ApiKeys.Where(k => k.Identifier == identifier).ExecuteUpdateAsync(u => u.SetProperty(k => k.RevokedAt, DateTimeOffset.UtcNow));
        Assert.True(await StampAsync(other) > before);
    }

    [Fact]
    public async Task AccessStamp_EveryTriggerExistsAfterMigration()
    {
        await using var other = OtherProcessDb();
        var sql = Fixture.Database.ConnectionString is null
            ? "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger'"
            : "SELECT tgname::text AS \"Value\" FROM pg_trigger WHERE NOT tgisinternal";
        var present = await other.Database.SqlQueryRaw<string>(sql).ToListAsync();
        Assert.Empty(AccessStampTriggers.Names.Except(present));
        Assert.Equal(12, AccessStampTriggers.Names.Count());
    }

    private static Task<long> StampAsync(PanelDb db) =>
        db.AccessStamps.AsNoTracking().Where(a => a.Id == AccessStamp.RowId).Select(a => a.Version).SingleAsync();

    private PanelDb OtherProcessDb() => Fixture.Database.ConnectionString is { } pg
        ? new PostgresPanelDb(new DbContextOptionsBuilder<PostgresPanelDb>().UseNpgsql(pg).Options)
        : new SqlitePanelDb(new DbContextOptionsBuilder<SqlitePanelDb>().UseSqlite($"Data Source={Path.Combine(Fixture.Database.DataFolder, "panel.db")}").Options);
}

public sealed class CredentialsSnapshotSqliteTests(SqlitePanelFixture f) : CredentialsSnapshotTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class CredentialsSnapshotPostgresTests(PostgresPanelFixture f) : CredentialsSnapshotTests(f), IClassFixture<PostgresPanelFixture>;
