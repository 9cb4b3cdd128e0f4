using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Credentials;
using Aerie.Panel.Tests.Infrastructure;

namespace Aerie.Panel.Tests.Admin;

/// <summary>The administration API: who may call it, each route, and bad input.</summary>
public abstract class AdminApiTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    private async Task<HttpClient> AdminAsync() => Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync(admin: true)).User));

    [Theory]
    [InlineData("/api/application/users")]
    [InlineData("/api/application/nodes")]
    [InlineData("/api/application/servers")]
    public async Task Admin_NoAuth_Returns401_NonAdmin_Returns403(string path)
    {
        using var anonymous = Fixture.Panel.Client();
        await ApiErrorAssert.AssertAsync(await anonymous.GetAsync(path), 401, "Unauthenticated.");
        using var user = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync()).User));
        await ApiErrorAssert.AssertAsync(await user.GetAsync(path), 403, null);
    }

    [Fact]
    public async Task Users_CreatePatchDelete_Work()
    {
        using var admin = await AdminAsync();
        var name = PanelFixture.Unique("adm");
        using var created = await admin.PostAsJsonAsync("/api/application/users", new { username = name, email = $"{name}@Example.test", password = "long enough pw", admin = false });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await ReadAsync(created);
        Assert.Equal($"{name}@example.test", user.GetProperty("email").GetString());
        var uuid = user.GetProperty("uuid").GetString();
        using var listed = await admin.GetAsync("/api/application/users");
        Assert.Contains(uuid!, await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var patched = await admin.PatchAsJsonAsync($"/api/application/users/{uuid}", new { admin = true });
        Assert.True((await ReadAsync(patched)).GetProperty("admin").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/application/users/{uuid}")).StatusCode);
        await ApiErrorAssert.AssertAsync(await admin.DeleteAsync($"/api/application/users/{uuid}"), 404, "User not found");
    }

    [Fact]
    public async Task Users_DuplicateEmail_Returns409_NothingWritten()
    {
        using var admin = await AdminAsync();
        var (existing, _) = await Fixture.CreateUserAsync();
        var name = PanelFixture.Unique("dup");
        await ApiErrorAssert.AssertAsync(await admin.PostAsJsonAsync("/api/application/users", new { username = name, email = existing.Email.ToUpperInvariant(), password = "long enough pw" }), 409, "The email is already in use.");
        using var listed = await admin.GetAsync("/api/application/users");
        Assert.DoesNotContain(name, await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"username\":\"x\",\"email\":\"not-an-email\",\"password\":\"long enough pw\"}", 422)]
    [InlineData("{\"username\":\"x\",\"email\":\"a@b.cd\",\"password\":\"short\"}", 422)]
    [InlineData("{\"username\":\"x\",\"email\":", 400)]
    [InlineData("{\"username\":\"x\",\"email\":\"a@b.cd\",\"password\":\"long enough pw\",\"admin\":\"yes\"}", 400)]
    [InlineData("[1,2,3]", 400)]
    public async Task Users_BadInput_ReturnsJsonError(string json, int status)
    {
        using var admin = await AdminAsync();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        await ApiErrorAssert.AssertAsync(await admin.PostAsync("/api/application/users", content), status, null);
    }

    [Fact]
    public async Task Request_OversizedBody_Returns413()
    {
        using var admin = await AdminAsync();
        using var content = new StringContent("{\"username\":\"" + new string('a', 200_000) + "\"}", Encoding.UTF8, "application/json");
        await ApiErrorAssert.AssertAsync(await admin.PostAsync("/api/application/users", content), 413, "Request body too large.");
    }

    [Fact]
    public async Task Request_UnknownRoute_Returns404Json()
    {
        using var admin = await AdminAsync();
        await ApiErrorAssert.AssertAsync(await admin.GetAsync("/api/application/nothing-here"), 404, null);
    }

    [Fact]
    public async Task Nodes_CreateConfigPatchDelete_Work()
    {
        using var admin = await AdminAsync();
        var name = PanelFixture.Unique("n");
        using var created = await admin.PostAsJsonAsync("/api/application/nodes", new { name, internalUrl = "http://10.0.0.5:8080", publicScheme = "https", publicHost = "n.example.com", publicPort = 443 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var text = await created.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        var id = doc.RootElement.GetProperty("id").GetInt32();
        var tokenId = doc.RootElement.GetProperty("tokenId").GetString()!;
        Assert.Equal(16, tokenId.Length);
        Assert.DoesNotContain("token\"", text.Replace("tokenId\"", "", StringComparison.Ordinal), StringComparison.Ordinal);

        using var config = await admin.GetAsync($"/api/application/nodes/{id}/configuration");
        Assert.Equal("text/yaml", config.Content.Headers.ContentType?.MediaType);
        var yaml = await config.Content.ReadAsStringAsync();
        Assert.Contains($"token_id: {tokenId}", yaml, StringComparison.Ordinal);
        Assert.Matches("(?m)^token: [A-Za-z0-9]{64}$", yaml);
        Assert.Contains("remote: http://panel.test\n", yaml, StringComparison.Ordinal);
        Assert.Contains("port: 8080", yaml, StringComparison.Ordinal);

        using var patched = await admin.PatchAsJsonAsync($"/api/application/nodes/{id}", new { publicPort = 8443 });
        Assert.Equal(8443, (await ReadAsync(patched)).GetProperty("publicPort").GetInt32());
        await ApiErrorAssert.AssertAsync(await admin.PostAsJsonAsync("/api/application/nodes", new { name, internalUrl = "http://x:1", publicScheme = "https", publicHost = "n.example.com" }), 409, null);
        await ApiErrorAssert.AssertAsync(await admin.PostAsJsonAsync("/api/application/nodes", new { name = name + "b", internalUrl = "ftp://x", publicScheme = "https", publicHost = "n.example.com" }), 422, null);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/application/nodes/{id}")).StatusCode);
    }

    [Fact]
    public async Task Servers_CreatePatchSuspendDelete_Work()
    {
        using var admin = await AdminAsync();
        var (owner, _) = await Fixture.CreateUserAsync();
        var (other, _) = await Fixture.CreateUserAsync();
        using var created = await admin.PostAsJsonAsync("/api/application/servers", new
        {
            name = "Survival",
            ownerUuid = owner.Uuid,
            nodeId = Fixture.PanelNode.Id,
            invocation = "java -Xmx{{XMX}} -jar server.jar",
            environment = new Dictionary<string, string> { ["XMX"] = "1G" },
            done = new[] { "Done (", "regex:^ready$" },
            stopType = "command",
            stopValue = "stop",
            memoryMb = 1024,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var server = await ReadAsync(created);
        var uuid = server.GetProperty("uuid").GetString()!;
        Assert.Equal(uuid.Replace("-", "", StringComparison.Ordinal)[..8], server.GetProperty("identifier").GetString());
        Assert.Equal(owner.Uuid.ToString(), server.GetProperty("ownerUuid").GetString());

        using var patched = await admin.PatchAsJsonAsync($"/api/application/servers/{uuid}", new { name = "Creative", ownerUuid = other.Uuid });
        var p = await ReadAsync(patched);
        Assert.Equal("Creative", p.GetProperty("name").GetString());
        Assert.Equal(other.Uuid.ToString(), p.GetProperty("ownerUuid").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/application/servers/{uuid}/suspend", null)).StatusCode);
        Assert.True((await ReadAsync(await admin.GetAsync($"/api/application/servers/{uuid}"))).GetProperty("suspended").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/application/servers/{uuid}/unsuspend", null)).StatusCode);
        Assert.False((await ReadAsync(await admin.GetAsync($"/api/application/servers/{uuid}"))).GetProperty("suspended").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/application/servers/{uuid}")).StatusCode);
        await ApiErrorAssert.AssertAsync(await admin.GetAsync($"/api/application/servers/{uuid}"), 404, "Server not found");
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"invocation\":\"run\",\"environment\":{\"BAD KEY\":\"v\"}}")]
    [InlineData("{\"name\":\"x\",\"invocation\":\"run\",\"done\":[\"regex:([\"]}")]
    [InlineData("{\"name\":\"x\",\"invocation\":\"run\",\"stopType\":\"explode\"}")]
    [InlineData("{\"name\":\"\",\"invocation\":\"run\"}")]
    public async Task Servers_BadInput_Returns422(string json)
    {
        using var admin = await AdminAsync();
        var (owner, _) = await Fixture.CreateUserAsync();
        var body = json.Replace("{\"name\"", $"{{\"ownerUuid\":\"{owner.Uuid}\",\"nodeId\":{Fixture.PanelNode.Id},\"name\"", StringComparison.Ordinal);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        await ApiErrorAssert.AssertAsync(await admin.PostAsync("/api/application/servers", content), 422, null);
    }

    [Fact]
    public async Task ServerSubusers_AdminRoutes_Work()
    {
        using var admin = await AdminAsync();
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        var basePath = $"/api/application/servers/{server.Uuid}/users";
        using var added = await admin.PostAsJsonAsync(basePath, new { email = sub.Email, permissions = new[] { "control.console" } });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(["websocket.connect", "control.console"], (await ReadAsync(added)).GetProperty("permissions").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Contains(sub.Email, await (await admin.GetAsync(basePath)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var updated = await admin.PostAsJsonAsync($"{basePath}/{sub.Uuid}", new { permissions = new[] { "file.read" } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{basePath}/{sub.Uuid}")).StatusCode);
    }

    [Fact]
    public async Task Lists_AndSingleItemRoutes_ShowCreatedData()
    {
        using var admin = await AdminAsync();
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        var nodeId = Fixture.PanelNode.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(owner.Uuid.ToString(), await admin.GetStringAsync("/api/application/users"), StringComparison.Ordinal);
        Assert.Contains(server.Uuid.ToString(), await admin.GetStringAsync("/api/application/servers"), StringComparison.Ordinal);
        Assert.Contains(Fixture.PanelNode.Uuid.ToString(), await admin.GetStringAsync("/api/application/nodes"), StringComparison.Ordinal);
        Assert.Equal(owner.Email, (await ReadAsync(await admin.GetAsync($"/api/application/users/{owner.Uuid}"))).GetProperty("email").GetString());
        var node = await ReadAsync(await admin.GetAsync($"/api/application/nodes/{nodeId}"));
        Assert.Equal(Fixture.PanelNode.Name, node.GetProperty("name").GetString());
        Assert.False(node.TryGetProperty("token", out _));
        await ApiErrorAssert.AssertAsync(await admin.GetAsync("/api/application/nodes/999999"), 404, "Node not found");
        await ApiErrorAssert.AssertAsync(await admin.DeleteAsync($"/api/application/nodes/{nodeId}"), 400, "A node must have no servers linked to it in order to be deleted.");
        await ApiErrorAssert.AssertAsync(await admin.DeleteAsync($"/api/application/users/{owner.Uuid}"), 400, "Cannot delete a user with active servers attached to their account. Please delete their servers before continuing.");
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        response.Dispose();
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

public sealed class AdminApiSqliteTests(SqlitePanelFixture f) : AdminApiTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class AdminApiPostgresTests(PostgresPanelFixture f) : AdminApiTests(f), IClassFixture<PostgresPanelFixture>;
