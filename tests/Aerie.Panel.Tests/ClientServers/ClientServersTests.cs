using System.Net;
using System.Text.Json;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Infrastructure;

namespace Aerie.Panel.Tests.ClientServers;

/// <summary><c>GET /api/client</c> and <c>GET /api/client/servers/{server}</c> (spec 04 §2.3): shapes, who sees what, filters.</summary>
public abstract class ClientServersTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    private async Task<HttpClient> ClientOfAsync(Aerie.Panel.Data.PanelUser user) => Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));

    private static async Task<JsonElement> JsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Dictionary<string, JsonElement> ByUuid(JsonElement list) =>
        list.GetProperty("data").EnumerateArray().ToDictionary(e => e.GetProperty("attributes").GetProperty("uuid").GetString()!, e => e.GetProperty("attributes"));

    [Fact]
    public async Task List_OwnedAndSubuserServers_ByType()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var mine = await Fixture.CreateServerAsync(sub);
        var shared = await Fixture.CreateServerAsync(owner);
        var hidden = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(shared, sub, "control.console");
        using var client = await ClientOfAsync(sub);

        var list = await JsonAsync(client, "/api/client");
        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.Equal("server", list.GetProperty("data")[0].GetProperty("object").GetString());
        var servers = ByUuid(list);
        Assert.Equal(2, servers.Count);
        Assert.True(servers[mine.Uuid.ToString()].GetProperty("server_owner").GetBoolean());
        Assert.False(servers[shared.Uuid.ToString()].GetProperty("server_owner").GetBoolean());
        Assert.Equal(shared.Identifier, servers[shared.Uuid.ToString()].GetProperty("identifier").GetString());
        Assert.False(servers.ContainsKey(hidden.Uuid.ToString()));
        var pagination = list.GetProperty("meta").GetProperty("pagination");
        Assert.Equal(2, pagination.GetProperty("total").GetInt32());
        Assert.Equal(50, pagination.GetProperty("per_page").GetInt32());

        Assert.Equal([mine.Uuid.ToString()], ByUuid(await JsonAsync(client, "/api/client?type=owner")).Keys);
        // The admin types give a non-administrator nothing, not a 403.
        Assert.Empty(ByUuid(await JsonAsync(client, "/api/client?type=admin-all")));
        Assert.Empty(ByUuid(await JsonAsync(client, "/api/client?type=admin")));
    }

    [Fact]
    public async Task List_Administrator_SeesOwnByDefault_OthersWithAdminTypes()
    {
        var (admin, _) = await Fixture.CreateUserAsync(admin: true);
        var (other, _) = await Fixture.CreateUserAsync();
        var own = await Fixture.CreateServerAsync(admin);
        var foreign = await Fixture.CreateServerAsync(other);
        using var client = await ClientOfAsync(admin);
        var plain = ByUuid(await JsonAsync(client, "/api/client?per_page=100"));
        Assert.Contains(own.Uuid.ToString(), plain.Keys);
        Assert.DoesNotContain(foreign.Uuid.ToString(), plain.Keys);
        var adminType = ByUuid(await JsonAsync(client, $"/api/client?type=admin&filter[uuid]={foreign.Uuid}"));
        Assert.Equal([foreign.Uuid.ToString()], adminType.Keys);
        Assert.Empty(ByUuid(await JsonAsync(client, $"/api/client?type=admin&filter[uuid]={own.Uuid}")));
        Assert.Equal([own.Uuid.ToString()], ByUuid(await JsonAsync(client, $"/api/client?type=admin-all&filter[uuid]={own.Uuid}")).Keys);
    }

    [Fact]
    public async Task List_Filters_Paging_AndLinksKeepTheQuery()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var a = await Fixture.CreateServerAsync(owner);
        var b = await Fixture.CreateServerAsync(owner);
        var c = await Fixture.CreateServerAsync(owner);
        var egg = await ClientServerSetup.EggServerAsync(Fixture, c);
        await ClientServerSetup.UpdateAsync(Fixture, b, s => (s.Description, s.ExternalId) = ("Survival world", PanelFixture.Unique("ext")));
        var external = (await ClientServerSetup.ReadAsync(Fixture, b)).ExternalId!;
        using var client = await ClientOfAsync(owner);

        Assert.Equal([a.Uuid.ToString()], ByUuid(await JsonAsync(client, $"/api/client?filter[name]={a.Name.ToUpperInvariant()}")).Keys);
        Assert.Equal([b.Uuid.ToString()], ByUuid(await JsonAsync(client, "/api/client?filter[description]=survival")).Keys);
        Assert.Equal([b.Uuid.ToString()], ByUuid(await JsonAsync(client, $"/api/client?filter[external_id]={external}")).Keys);
        Assert.Equal([a.Uuid.ToString()], ByUuid(await JsonAsync(client, $"/api/client?filter[uuid]={a.Uuid.ToString()[9..23].ToUpperInvariant()}")).Keys);
        Assert.Equal([a.Uuid.ToString()], ByUuid(await JsonAsync(client, $"/api/client?filter[*]={a.Identifier}")).Keys);
        Assert.Equal([a.Uuid.ToString()], ByUuid(await JsonAsync(client, $"/api/client?filter[*]={a.Uuid.ToString()[..13]}")).Keys);
        Assert.Equal([b.Uuid.ToString()], ByUuid(await JsonAsync(client, $"/api/client?filter[*]={external}")).Keys);
        Assert.Equal([c.Uuid.ToString()], ByUuid(await JsonAsync(client, $"/api/client?filter[*]={egg.Primary.Ip}:{egg.Extra.Port}")).Keys);
        Assert.Equal([c.Uuid.ToString()], ByUuid(await JsonAsync(client, $"/api/client?filter[*]={egg.Primary.Ip}")).Keys);
        Assert.Contains(c.Uuid.ToString(), ByUuid(await JsonAsync(client, $"/api/client?filter[*]=:{egg.Primary.Port}")).Keys);
        Assert.Empty(ByUuid(await JsonAsync(client, $"/api/client?filter[*]={egg.Primary.Ip}:1")));

        await ApiErrorAssert.AssertAsync(await client.GetAsync("/api/client?filter[node]=x"), 400,
            "Requested filter(s) `node` are not allowed. Allowed filter(s) are `uuid, name, description, external_id, *`.", "InvalidFilterQuery");

        var first = await JsonAsync(client, "/api/client?per_page=1&filter[name]=srv");
        var pagination = first.GetProperty("meta").GetProperty("pagination");
        Assert.Equal(1, pagination.GetProperty("count").GetInt32());
        Assert.Equal(3, pagination.GetProperty("total_pages").GetInt32());
        var next = pagination.GetProperty("links").GetProperty("next").GetString()!;
        Assert.Contains("per_page=1", next, StringComparison.Ordinal);
        Assert.Contains("filter%5Bname%5D=srv", next, StringComparison.Ordinal);
        Assert.EndsWith("page=2", next, StringComparison.Ordinal);
        Assert.Equal(100, (await JsonAsync(client, "/api/client?per_page=500")).GetProperty("meta").GetProperty("pagination").GetProperty("per_page").GetInt32());
    }

    [Fact]
    public async Task Details_Owner_FullShape_SubstitutedInvocation_DefaultRelationships()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        var egg = await ClientServerSetup.EggServerAsync(Fixture, server);
        using var client = await ClientOfAsync(owner);
        var doc = await JsonAsync(client, $"/api/client/servers/{server.Identifier}?include=egg");
        Assert.Equal("server", doc.GetProperty("object").GetString());
        var s = doc.GetProperty("attributes");
        Assert.True(s.GetProperty("server_owner").GetBoolean());
        Assert.Equal(server.Identifier, s.GetProperty("identifier").GetString());
        Assert.Equal(server.Id, s.GetProperty("internal_id").GetInt32());
        Assert.Equal(server.Uuid.ToString(), s.GetProperty("uuid").GetString());
        Assert.Equal(server.Name, s.GetProperty("name").GetString());
        Assert.Equal(Fixture.PanelNode.Name, s.GetProperty("node").GetString());
        Assert.False(s.GetProperty("is_node_under_maintenance").GetBoolean());
        Assert.Equal("node.example.com", s.GetProperty("sftp_details").GetProperty("ip").GetString());
        Assert.Equal(Fixture.PanelNode.DaemonSftp, s.GetProperty("sftp_details").GetProperty("port").GetInt32());
        var limits = s.GetProperty("limits");
        Assert.Equal(1024, limits.GetProperty("memory").GetInt64());
        foreach (var key in new[] { "swap", "disk", "io", "cpu", "threads", "oom_disabled" })
        {
            Assert.True(limits.TryGetProperty(key, out _), key);
        }
        Assert.Equal($"java -Xmx1024M -jar paper.jar --ip {egg.Primary.Ip} --port 25565 --secret [hidden]", s.GetProperty("invocation").GetString());
        Assert.Equal(ClientServerSetup.ImageA, s.GetProperty("docker_image").GetString());
        Assert.Equal(["eula"], s.GetProperty("egg_features").EnumerateArray().Select(e => e.GetString()));
        Assert.True(s.GetProperty("feature_limits").TryGetProperty("allocations", out _));
        Assert.Equal(JsonValueKind.Null, s.GetProperty("status").ValueKind);
        Assert.False(s.GetProperty("is_suspended").GetBoolean());
        Assert.False(s.GetProperty("is_installing").GetBoolean());
        Assert.False(s.GetProperty("is_transferring").GetBoolean());

        var relationships = s.GetProperty("relationships");
        var allocations = relationships.GetProperty("allocations").GetProperty("data").EnumerateArray().Select(e => e.GetProperty("attributes")).ToList();
        Assert.Equal(2, allocations.Count);
        Assert.True(allocations[0].GetProperty("is_default").GetBoolean());
        Assert.Equal("main", allocations[0].GetProperty("notes").GetString());
        Assert.False(allocations[1].GetProperty("is_default").GetBoolean());
        Assert.Equal(JsonValueKind.Null, allocations[1].GetProperty("ip_alias").ValueKind);
        var variable = Assert.Single(relationships.GetProperty("variables").GetProperty("data").EnumerateArray());
        Assert.Equal("egg_variable", variable.GetProperty("object").GetString());
        var v = variable.GetProperty("attributes");
        Assert.Equal("JAR", v.GetProperty("env_variable").GetString());
        Assert.Equal("server.jar", v.GetProperty("default_value").GetString());
        Assert.Equal("paper.jar", v.GetProperty("server_value").GetString());
        Assert.True(v.GetProperty("is_editable").GetBoolean());
        Assert.Equal("required|string|max:20", v.GetProperty("rules").GetString());
        var eggInclude = relationships.GetProperty("egg");
        Assert.Equal("egg", eggInclude.GetProperty("object").GetString());
        Assert.Equal(egg.Egg.Uuid.ToString(), eggInclude.GetProperty("attributes").GetProperty("uuid").GetString());
        Assert.Equal(egg.Egg.Name, eggInclude.GetProperty("attributes").GetProperty("name").GetString());
        Assert.False(relationships.TryGetProperty("subusers", out _), "subusers only on include");

        Assert.True(doc.GetProperty("meta").GetProperty("is_server_owner").GetBoolean());
        Assert.Equal(["*"], doc.GetProperty("meta").GetProperty("user_permissions").EnumerateArray().Select(e => e.GetString()));
        // The UUID addresses it too.
        Assert.Equal(server.Identifier, (await JsonAsync(client, $"/api/client/servers/{server.Uuid}")).GetProperty("attributes").GetProperty("identifier").GetString());
    }

    [Fact]
    public async Task Details_Subuser_SeesWhatItsPermissionsAllow()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (narrow, _) = await Fixture.CreateUserAsync();
        var (wide, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        var egg = await ClientServerSetup.EggServerAsync(Fixture, server);
        await Fixture.AddSubuserAsync(server, narrow, "control.console");
        await Fixture.AddSubuserAsync(server, wide, "startup.read", "allocation.read", "user.read");

        using var narrowClient = await ClientOfAsync(narrow);
        var doc = await JsonAsync(narrowClient, $"/api/client/servers/{server.Identifier}?include=subusers");
        var s = doc.GetProperty("attributes");
        Assert.False(s.GetProperty("server_owner").GetBoolean());
        Assert.Equal("java -Xmx1024M -jar [hidden] --ip " + egg.Primary.Ip + " --port 25565 --secret [hidden]", s.GetProperty("invocation").GetString());
        var rel = s.GetProperty("relationships");
        var only = Assert.Single(rel.GetProperty("allocations").GetProperty("data").EnumerateArray()).GetProperty("attributes");
        Assert.True(only.GetProperty("is_default").GetBoolean());
        Assert.Equal(JsonValueKind.Null, only.GetProperty("notes").ValueKind);
        Assert.Equal("null_resource", rel.GetProperty("variables").GetProperty("object").GetString());
        Assert.Equal("null_resource", rel.GetProperty("subusers").GetProperty("object").GetString());
        Assert.False(doc.GetProperty("meta").GetProperty("is_server_owner").GetBoolean());
        Assert.Equal(["websocket.connect", "control.console"], doc.GetProperty("meta").GetProperty("user_permissions").EnumerateArray().Select(e => e.GetString()));

        using var wideClient = await ClientOfAsync(wide);
        var w = (await JsonAsync(wideClient, $"/api/client/servers/{server.Identifier}?include=subusers")).GetProperty("attributes");
        Assert.Contains("-jar paper.jar", w.GetProperty("invocation").GetString(), StringComparison.Ordinal);
        Assert.Contains("--secret [hidden]", w.GetProperty("invocation").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, w.GetProperty("relationships").GetProperty("allocations").GetProperty("data").GetArrayLength());
        Assert.Single(w.GetProperty("relationships").GetProperty("variables").GetProperty("data").EnumerateArray());
        var subusers = w.GetProperty("relationships").GetProperty("subusers").GetProperty("data").EnumerateArray().Select(e => e.GetProperty("attributes")).ToList();
        Assert.Equal(2, subusers.Count);
        var narrowEntry = subusers.Single(u => u.GetProperty("uuid").GetString() == narrow.Uuid.ToString());
        Assert.Equal(narrow.Username, narrowEntry.GetProperty("username").GetString());
        Assert.StartsWith("https://gravatar.com/avatar/", narrowEntry.GetProperty("image").GetString(), StringComparison.Ordinal);
        Assert.Equal(["websocket.connect", "control.console"], narrowEntry.GetProperty("permissions").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Details_Administrator_CarriesAdminPermissions_OthersGet404()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (admin, _) = await Fixture.CreateUserAsync(admin: true);
        var (stranger, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var adminClient = await ClientOfAsync(admin);
        var doc = await JsonAsync(adminClient, $"/api/client/servers/{server.Identifier}");
        Assert.False(doc.GetProperty("meta").GetProperty("is_server_owner").GetBoolean());
        Assert.Equal(["*", "admin.websocket.errors", "admin.websocket.install", "admin.websocket.transfer"],
            doc.GetProperty("meta").GetProperty("user_permissions").EnumerateArray().Select(e => e.GetString()));
        using var other = await ClientOfAsync(stranger);
        const string notFound = "The requested resource does not exist on this server.";
        await ApiErrorAssert.AssertAsync(await other.GetAsync($"/api/client/servers/{server.Identifier}"), 404, notFound, "NotFoundHttpException");
        await ApiErrorAssert.AssertAsync(await other.GetAsync($"/api/client/servers/{server.Uuid}"), 404, notFound);
        await ApiErrorAssert.AssertAsync(await other.GetAsync("/api/client/servers/00000000"), 404, notFound);
        await ApiErrorAssert.AssertAsync(await other.GetAsync("/api/client/servers/not-a-server-key"), 404, notFound);
    }

    [Fact]
    public async Task Details_AnswersInEveryState_WithStatusFields()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = await ClientOfAsync(owner);
        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.Status = "installing");
        var installing = (await JsonAsync(client, $"/api/client/servers/{server.Identifier}")).GetProperty("attributes");
        Assert.Equal("installing", installing.GetProperty("status").GetString());
        Assert.True(installing.GetProperty("is_installing").GetBoolean());
        await ClientServerSetup.UpdateAsync(Fixture, server, s => (s.Status, s.Suspended) = (null, true));
        var suspended = (await JsonAsync(client, $"/api/client/servers/{server.Identifier}")).GetProperty("attributes");
        Assert.Equal("suspended", suspended.GetProperty("status").GetString());
        Assert.True(suspended.GetProperty("is_suspended").GetBoolean());
        Assert.False(suspended.GetProperty("is_installing").GetBoolean());
    }
}

public sealed class ClientServersSqliteTests(SqlitePanelFixture f) : ClientServersTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ClientServersPostgresTests(PostgresPanelFixture f) : ClientServersTests(f), IClassFixture<PostgresPanelFixture>;
