using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Contracts.Socket;
using Aerie.Panel.Credentials;
using Aerie.Panel.Data;
using Aerie.Panel.NodeCalls;
using Aerie.Panel.Subusers;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Credentials;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Subusers;

/// <summary>Contract tests of <c>/api/client/servers/{server}/users</c> (spec 04 §2.6): shapes, permissions, the refusals
/// with Pterodactyl's texts, and the console revocation a change or a removal causes.</summary>
public abstract class SubuserRoutesTests(PanelFixture fixture)
{
    private const string NoServer = "The requested resource does not exist on this server.";
    private const string NotForServer = "The requested resource was not found for this server.";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    protected PanelFixture Fixture { get; } = fixture;

    private static string Path(GameServer server) => $"/api/client/servers/{server.Identifier}/users";

    private async Task<HttpClient> ClientAsync(PanelUser user) => Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private static string[] Permissions(JsonElement item) =>
        [.. item.GetProperty("attributes").GetProperty("permissions").EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task Create_Owner_Answers200ServerSubuser_DropsUnknown_AddsWebsocket()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = await ClientAsync(owner);
        var created = await JsonAsync(await client.PostAsJsonAsync(Path(server),
            new { email = sub.Email.ToUpperInvariant(), permissions = new[] { "control.console", "control.console", "bogus.thing", "admin.websocket.errors" } }));
        Assert.Equal("server_subuser", created.GetProperty("object").GetString());
        var a = created.GetProperty("attributes");
        Assert.Equal(sub.Uuid.ToString(), a.GetProperty("uuid").GetString());
        Assert.Equal(sub.Username, a.GetProperty("username").GetString());
        Assert.Equal(sub.Email, a.GetProperty("email").GetString());
        Assert.Matches("^https://gravatar.com/avatar/[0-9a-f]{32}$", a.GetProperty("image").GetString()!);
        Assert.False(a.GetProperty("2fa_enabled").GetBoolean());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", a.GetProperty("created_at").GetString()!);
        Assert.Equal(["websocket.connect", "control.console"], Permissions(created));
        Assert.False(a.TryGetProperty("id", out _));
        Assert.False(a.TryGetProperty("admin", out _));

        var list = await JsonAsync(await client.GetAsync(Path(server)));
        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.False(list.TryGetProperty("meta", out _));
        Assert.Equal(["websocket.connect", "control.console"], Permissions(Assert.Single(list.GetProperty("data").EnumerateArray())));
        var one = await JsonAsync(await client.GetAsync($"{Path(server)}/{sub.Uuid}"));
        Assert.Equal(sub.Uuid.ToString(), one.GetProperty("attributes").GetProperty("uuid").GetString());
    }

    [Fact]
    public async Task Create_Refusals_OwnerExistingValidationAndGrant()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var (manager, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, sub);
        await Fixture.AddSubuserAsync(server, manager, "user.create", "control.console");
        using var client = await ClientAsync(owner);
        await ApiErrorAssert.AssertAsync(await client.PostAsJsonAsync(Path(server), new { email = owner.Email, permissions = Array.Empty<string>() }),
            400, SubuserService.OwnerText);
        await ApiErrorAssert.AssertAsync(await client.PostAsJsonAsync(Path(server), new { email = sub.Email, permissions = Array.Empty<string>() }),
            400, SubuserService.ExistsText, "ServerSubuserExistsException");
        var fields = await ApiErrorAssert.AssertValidationAsync(await client.PostAsJsonAsync(Path(server), new { email = "not an email" }));
        Assert.Equal([("email", "email"), ("permissions", "required")], fields);

        using var managerClient = await ClientAsync(manager);
        var (third, _) = await Fixture.CreateUserAsync();
        await ApiErrorAssert.AssertAsync(await managerClient.PostAsJsonAsync(Path(server), new { email = third.Email, permissions = new[] { "control.console", "control.stop" } }),
            403, SubuserService.GrantText, "HttpForbiddenException");
        var granted = await JsonAsync(await managerClient.PostAsJsonAsync(Path(server), new { email = third.Email, permissions = new[] { "control.console" } }));
        Assert.Equal(["websocket.connect", "control.console"], Permissions(granted));
    }

    [Fact]
    public async Task Create_EmailWithoutAccount_CreatesTheAccount()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = await ClientAsync(owner);
        var email = PanelFixture.Unique("New.Person") + "@example.test";
        var created = await JsonAsync(await client.PostAsJsonAsync(Path(server), new { email, permissions = new[] { "file.read" } }));
        var username = created.GetProperty("attributes").GetProperty("username").GetString()!;
        Assert.Equal(email.ToLowerInvariant(), created.GetProperty("attributes").GetProperty("email").GetString());
        var lower = email.ToLowerInvariant();
        var user = await Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Users.AsNoTracking().SingleAsync(u => u.Email == lower));
        Assert.Equal((username, "Server", "Subuser"), (user.Username, user.FirstName, user.LastName));
        Assert.Matches("^" + email[..email.IndexOf('@', StringComparison.Ordinal)].ToLowerInvariant().Replace(".", @"\.", StringComparison.Ordinal) + "[A-Za-z0-9]{3}$", username);
    }

    [Fact]
    public async Task Routes_Permissions_WithAndWithout()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (reader, _) = await Fixture.CreateUserAsync();
        var (plain, _) = await Fixture.CreateUserAsync();
        var (stranger, _) = await Fixture.CreateUserAsync();
        var (admin, _) = await Fixture.CreateUserAsync(admin: true);
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, reader, "user.read");
        await Fixture.AddSubuserAsync(server, plain, "control.console");
        using var readerClient = await ClientAsync(reader);
        Assert.Equal(2, (await JsonAsync(await readerClient.GetAsync(Path(server)))).GetProperty("data").GetArrayLength());
        await ApiErrorAssert.AssertAsync(await readerClient.PostAsJsonAsync($"{Path(server)}/{plain.Uuid}", new { permissions = Array.Empty<string>() }), 403, "This action is unauthorized.");
        await ApiErrorAssert.AssertAsync(await readerClient.DeleteAsync($"{Path(server)}/{plain.Uuid}"), 403, "This action is unauthorized.");
        await ApiErrorAssert.AssertAsync(await readerClient.PostAsJsonAsync(Path(server), new { email = stranger.Email, permissions = Array.Empty<string>() }), 403, "This action is unauthorized.");

        using var plainClient = await ClientAsync(plain);
        await ApiErrorAssert.AssertAsync(await plainClient.GetAsync(Path(server)), 403, "This action is unauthorized.", "AccessDeniedHttpException");
        await ApiErrorAssert.AssertAsync(await plainClient.GetAsync($"{Path(server)}/{reader.Uuid}"), 403, "This action is unauthorized.");

        using var strangerClient = await ClientAsync(stranger);
        await ApiErrorAssert.AssertAsync(await strangerClient.GetAsync(Path(server)), 404, NoServer, "NotFoundHttpException");
        await ApiErrorAssert.AssertAsync(await strangerClient.DeleteAsync($"{Path(server)}/{plain.Uuid}"), 404, NoServer);

        using var ownerClient = await ClientAsync(owner);
        await ApiErrorAssert.AssertAsync(await ownerClient.GetAsync($"{Path(server)}/{stranger.Uuid}"), 404, NotForServer);
        await ApiErrorAssert.AssertAsync(await ownerClient.GetAsync($"{Path(server)}/not-a-uuid"), 404, NotForServer);

        // Administrators manage any server's subusers through the client API, with no granter limit.
        using var adminClient = await ClientAsync(admin);
        var added = await JsonAsync(await adminClient.PostAsJsonAsync($"/api/client/servers/{server.Uuid}/users", new { email = stranger.Email, permissions = new[] { "control.stop", "file.read" } }));
        Assert.Equal(["websocket.connect", "control.stop", "file.read"], Permissions(added));
        Assert.Equal(3, (await JsonAsync(await adminClient.GetAsync(Path(server)))).GetProperty("data").GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, (await adminClient.DeleteAsync($"{Path(server)}/{stranger.Uuid}")).StatusCode);
    }

    [Fact]
    public async Task Update_Shape_SelfIs403_GrantChecked_UnknownDropped()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (manager, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, manager, "user.update", "control.console");
        await Fixture.AddSubuserAsync(server, sub, "control.console");
        using var managerClient = await ClientAsync(manager);
        await ApiErrorAssert.AssertAsync(await managerClient.PostAsJsonAsync($"{Path(server)}/{manager.Uuid}", new { permissions = new[] { "control.console" } }),
            403, "This action is unauthorized.");
        await ApiErrorAssert.AssertAsync(await managerClient.PostAsJsonAsync($"{Path(server)}/{sub.Uuid}", new { permissions = new[] { "control.start" } }),
            403, SubuserService.GrantText, "HttpForbiddenException");
        Assert.Equal([("permissions", "required")], await ApiErrorAssert.AssertValidationAsync(await managerClient.PostAsJsonAsync($"{Path(server)}/{sub.Uuid}", new { })));
        var updated = await JsonAsync(await managerClient.PostAsJsonAsync($"{Path(server)}/{sub.Uuid}", new { permissions = new[] { "nope", "user.update" } }));
        Assert.Equal("server_subuser", updated.GetProperty("object").GetString());
        Assert.Equal(["websocket.connect", "user.update"], Permissions(updated));
        using var ownerClient = await ClientAsync(owner);
        await ApiErrorAssert.AssertAsync(await ownerClient.PostAsJsonAsync($"{Path(server)}/{owner.Uuid}", new { permissions = Array.Empty<string>() }), 404, NotForServer);
    }

    [Fact]
    public async Task Update_RealChangeRevokes_NoChangeDoesNot_AndTheActivityIsLogged()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, sub, "control.console");
        using var client = await ClientAsync(owner);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{Path(server)}/{sub.Uuid}", new { permissions = new[] { "control.console", "websocket.connect" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{Path(server)}/{sub.Uuid}", new { permissions = Array.Empty<string>() })).StatusCode);
        var jti = ConsoleJti.Of(sub.Uuid, server.Uuid);
        await Fixture.Node.WaitForCallAsync(c => c.Path == NodeCallPaths.Deny(server.Uuid) && c.Status == 204 && c.Body.Contains(jti, StringComparison.Ordinal), Wait);
        // The node gets one call per node in order: had the unchanged update queued one, it would have arrived first.
        Assert.Single(Fixture.Node.Calls, c => c.Path == NodeCallPaths.Deny(server.Uuid) && c.Body.Contains(jti, StringComparison.Ordinal));
        var rows = await Fixture.WaitForActivityAsync(server.Uuid, 1);
        var row = Assert.Single(rows, r => r.Event == "server:subuser.update");
        Assert.Equal(owner.Uuid, row.UserUuid);
        Assert.True(row.IsApi);
    }

    [Fact]
    public async Task Attack_SubuserReducedThenRemoved_OldTokenAndNewCredentialsFail()
    {
        await using var node = await Fixture.StartNodeAsync(reachable: false);
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, node.PanelNode.Id);
        await node.AddServerAsync(server.Uuid);
        await Fixture.AddSubuserAsync(server, sub, "control.console", "control.start");
        using var subClient = await ClientAsync(sub);
        var (before, _) = await CredentialsRequests.GetAsync(subClient, server.Identifier);
        Assert.Equal(SocketEvents.AuthSuccess, await AuthOutcomeAsync(node, server.Uuid, before));

        using var ownerClient = await ClientAsync(owner);
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.PostAsJsonAsync($"{Path(server)}/{sub.Uuid}", new { permissions = new[] { "control.console" } })).StatusCode);
        await node.WaitForCallAsync(c => c.Path == NodeCallPaths.Deny(server.Uuid) && c.Status == 204, Wait);
        // The token minted with control.start no longer opens the console; a new one carries the reduced list only.
        Assert.Equal(SocketEvents.JwtError, await AuthOutcomeAsync(node, server.Uuid, before));
        var (after, _) = await CredentialsRequests.GetAsync(subClient, server.Identifier);
        Assert.DoesNotContain("control.start", TokenPermissions(after));

        Assert.Equal(HttpStatusCode.NoContent, (await ownerClient.DeleteAsync($"{Path(server)}/{sub.Uuid}")).StatusCode);
        await CredentialsRequests.AssertErrorAsync(await subClient.GetAsync(CredentialsRequests.Route(server.Identifier)), 404, null);
        await ApiErrorAssert.AssertAsync(await subClient.GetAsync(Path(server)), 404, NoServer);
        await Eventually.TrueAsync(async () => await AuthOutcomeAsync(node, server.Uuid, after) == SocketEvents.JwtError, "the removed subuser's token refused", Wait);
        await ApiErrorAssert.AssertAsync(await ownerClient.DeleteAsync($"{Path(server)}/{sub.Uuid}"), 404, NotForServer);
    }

    private static string[] TokenPermissions(string jwt) =>
        [.. JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(jwt.Split('.')[1])).RootElement.GetProperty("permissions").EnumerateArray().Select(e => e.GetString()!)];

    private static async Task<string> AuthOutcomeAsync(TestNode node, Guid server, string token)
    {
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri(server.ToString()));
        await client.AuthAsync(token);
        var frame = await client.NextAsync() ?? throw new InvalidOperationException("the node closed the socket without answering the auth");
        return frame.Event;
    }
}

public sealed class SubuserRoutesSqliteTests(SqlitePanelFixture f) : SubuserRoutesTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class SubuserRoutesPostgresTests(PostgresPanelFixture f) : SubuserRoutesTests(f), IClassFixture<PostgresPanelFixture>;
