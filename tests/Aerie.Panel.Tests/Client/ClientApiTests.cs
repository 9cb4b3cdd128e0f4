using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Credentials;
using Aerie.Panel.Tests.Infrastructure;

namespace Aerie.Panel.Tests.Client;

/// <summary>The client API: server listing, server detail, subusers with the granter check, API keys, activity.</summary>
public abstract class ClientApiTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    [Fact]
    public async Task ServerList_ShowsOwnedAndSubuserServersOnly()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var mine = await Fixture.CreateServerAsync(sub);
        var shared = await Fixture.CreateServerAsync(owner);
        var hidden = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(shared, sub, "control.console");
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(sub));
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/client"));
        var servers = doc.RootElement.GetProperty("data").EnumerateArray().ToDictionary(e => e.GetProperty("uuid").GetString()!);
        Assert.Equal(2, servers.Count);
        Assert.True(servers[mine.Uuid.ToString()].GetProperty("isOwner").GetBoolean());
        Assert.Equal(["*"], servers[mine.Uuid.ToString()].GetProperty("permissions").EnumerateArray().Select(e => e.GetString()));
        Assert.False(servers[shared.Uuid.ToString()].GetProperty("isOwner").GetBoolean());
        Assert.Equal(["websocket.connect", "control.console"], servers[shared.Uuid.ToString()].GetProperty("permissions").EnumerateArray().Select(e => e.GetString()));
        Assert.False(servers.ContainsKey(hidden.Uuid.ToString()));
    }

    [Fact]
    public async Task ServerDetail_ByIdentifier_HasDocumentedShape_AndHidesOthers()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (stranger, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        using var doc = JsonDocument.Parse(await client.GetStringAsync($"/api/client/servers/{server.Identifier}"));
        var s = doc.RootElement;
        Assert.Equal(server.Uuid.ToString(), s.GetProperty("uuid").GetString());
        Assert.Equal(server.Identifier, s.GetProperty("identifier").GetString());
        Assert.Equal(Fixture.PanelNode.Id, s.GetProperty("node").GetProperty("id").GetInt32());
        Assert.Equal(JsonValueKind.Null, s.GetProperty("status").ValueKind);
        Assert.False(s.GetProperty("suspended").GetBoolean());
        Assert.True(s.TryGetProperty("description", out _));
        using var other = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(stranger));
        await ApiErrorAssert.AssertAsync(await other.GetAsync($"/api/client/servers/{server.Uuid}"), 404, "Server not found");
    }

    [Fact]
    public async Task Subusers_OwnerAddsListsUpdatesRemoves()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        var path = $"/api/client/servers/{server.Identifier}/users";
        using var added = await client.PostAsJsonAsync(path, new { email = sub.Email, permissions = new[] { "control.console", "control.console" } });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        using var list = JsonDocument.Parse(await client.GetStringAsync(path));
        var entry = Assert.Single(list.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal(sub.Uuid.ToString(), entry.GetProperty("uuid").GetString());
        Assert.Equal(["websocket.connect", "control.console"], entry.GetProperty("permissions").EnumerateArray().Select(e => e.GetString()));
        await ApiErrorAssert.AssertAsync(await client.PostAsJsonAsync(path, new { email = sub.Email, permissions = Array.Empty<string>() }), 409, null);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{path}/{sub.Uuid}", new { permissions = new[] { "file.read" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{path}/{sub.Uuid}")).StatusCode);
        await ApiErrorAssert.AssertAsync(await client.DeleteAsync($"{path}/{sub.Uuid}"), 404, "Subuser not found");
    }

    [Fact]
    public async Task Subusers_UnknownPermission_Returns422()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        await ApiErrorAssert.AssertAsync(await client.PostAsJsonAsync($"/api/client/servers/{server.Identifier}/users", new { email = sub.Email, permissions = new[] { "admin.websocket.errors" } }), 422, "Unknown permission: admin.websocket.errors");
    }

    [Fact]
    public async Task Subusers_GrantingWhatYouLack_Returns403_AndMissingUserPermission_Returns403()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (manager, _) = await Fixture.CreateUserAsync();
        var (third, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, manager, "user.create", "user.read", "control.console");
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(manager));
        var path = $"/api/client/servers/{server.Identifier}/users";
        await ApiErrorAssert.AssertAsync(await client.PostAsJsonAsync(path, new { email = third.Email, permissions = new[] { "control.stop" } }), 403, "You cannot grant a permission you do not have: control.stop");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync(path, new { email = third.Email, permissions = new[] { "control.console" } })).StatusCode);
        await ApiErrorAssert.AssertAsync(await client.DeleteAsync($"{path}/{third.Uuid}"), 403, null);
    }

    [Fact]
    public async Task ApiKeys_CreateListRevoke_SecretShownOnce()
    {
        var (user, password) = await Fixture.CreateUserAsync();
        using var client = await Fixture.LoginAsync(user, password);
        using var created = await client.PostAsJsonAsync("/api/client/account/api-keys", new { description = "ci", expires_at = DateTimeOffset.UtcNow.AddDays(1), allowed_ips = new[] { "127.0.0.1" } });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        using var doc = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        Assert.Equal("api_key", doc.RootElement.GetProperty("object").GetString());
        var secret = doc.RootElement.GetProperty("meta").GetProperty("secret_token").GetString()!;
        var identifier = doc.RootElement.GetProperty("attributes").GetProperty("identifier").GetString()!;
        Assert.Matches("^ptlc_[A-Za-z0-9]{11}$", identifier);
        Assert.Matches("^[A-Za-z0-9]{32}$", secret);
        var token = identifier + secret;
        var list = await client.GetStringAsync("/api/client/account/api-keys");
        Assert.Contains(identifier, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.DoesNotContain("secret_token", list, StringComparison.Ordinal);
        using var keyClient = Fixture.ApiKeyClient(token);
        Assert.Equal(HttpStatusCode.OK, (await keyClient.GetAsync("/api/client/account")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/client/account/api-keys/{identifier}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await keyClient.GetAsync("/api/client/account")).StatusCode);
        var rules = await ApiErrorAssert.AssertValidationAsync(await client.PostAsJsonAsync("/api/client/account/api-keys", new { description = "x", allowed_ips = new[] { "not-an-ip" } }));
        Assert.Equal([("allowed_ips.0", "ip")], rules);
    }

    [Fact]
    public async Task Activity_ListsCredentialAudit_ForOwner()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        await CredentialsRequests.GetAsync(client, server.Identifier);
        await Fixture.WaitForActivityAsync(server.Uuid, 1);
        using var doc = JsonDocument.Parse(await client.GetStringAsync($"/api/client/servers/{server.Identifier}/activity"));
        var entry = Assert.Single(doc.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal("server:console.credentials", entry.GetProperty("event").GetString());
    }
}

public sealed class ClientApiSqliteTests(SqlitePanelFixture f) : ClientApiTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ClientApiPostgresTests(PostgresPanelFixture f) : ClientApiTests(f), IClassFixture<PostgresPanelFixture>;
