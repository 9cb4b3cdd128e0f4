using System.Net;
using System.Text.Json;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Credentials;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Activity;

/// <summary>Contract tests of <c>GET /api/client/servers/{server}/activity</c> (spec 04 §2.3): the <c>activity_log</c> shape,
/// who may read it (<c>activity.read</c>), whose address each reader sees, paging, filter, sort and include.</summary>
public abstract class ServerActivityRoutesTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    private static string Path(GameServer server) => $"/api/client/servers/{server.Identifier}/activity";

    private async Task<HttpClient> ClientAsync(PanelUser user) => Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"got {response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private Task<int> AddAsync(GameServer server, PanelUser? actor, string name, string metadata, DateTimeOffset at, string? ip = "203.0.113.9", bool api = false) =>
        Fixture.WithScopeAsync(sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            db.Activity.Add(new ActivityRecord { ServerUuid = server.Uuid, UserUuid = actor?.Uuid, Event = name, MetadataJson = metadata, Ip = ip, IsApi = api, Timestamp = at });
            return db.SaveChangesAsync();
        });

    [Fact]
    public async Task List_Shape_AndIpVisibility_PerReader()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (reader, _) = await Fixture.CreateUserAsync();
        var (admin, _) = await Fixture.CreateUserAsync(admin: true);
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, reader, "activity.read");
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        await AddAsync(server, owner, "server:file.delete", """{"ip":"198.51.100.4","files":["a","b","c"],"directory":"/"}""", at, api: true);
        await AddAsync(server, null, "server:power.start", """{"ip":"198.51.100.4","useragent":"x"}""", at.AddSeconds(1), ip: null);

        using var ownerClient = await ClientAsync(owner);
        var mine = (await JsonAsync(await ownerClient.GetAsync(Path(server) + "?include=actor"))).GetProperty("data");
        Assert.Equal(2, mine.GetArrayLength());
        var power = mine[0].GetProperty("attributes");
        Assert.Equal("server:power.start", power.GetProperty("event").GetString());
        Assert.False(power.GetProperty("has_additional_metadata").GetBoolean());
        Assert.Equal("null_resource", power.GetProperty("relationships").GetProperty("actor").GetProperty("object").GetString());
        Assert.Equal("[hidden]", power.GetProperty("properties").GetProperty("ip").GetString());
        var delete = mine[1].GetProperty("attributes");
        Assert.True(delete.GetProperty("is_api").GetBoolean());
        Assert.Equal("203.0.113.9", delete.GetProperty("ip").GetString());
        Assert.Equal("198.51.100.4", delete.GetProperty("properties").GetProperty("ip").GetString());
        Assert.Equal(3, delete.GetProperty("properties").GetProperty("files_count").GetInt32());
        Assert.Equal(3, delete.GetProperty("properties").GetProperty("files").GetArrayLength());
        Assert.True(delete.GetProperty("has_additional_metadata").GetBoolean());
        Assert.Equal(owner.Uuid.ToString(), delete.GetProperty("relationships").GetProperty("actor").GetProperty("attributes").GetProperty("uuid").GetString());
        Assert.NotEqual(power.GetProperty("id").GetString(), delete.GetProperty("id").GetString());

        // Another reader sees neither the actor's address nor the address in the properties; an administrator sees both.
        using var readerClient = await ClientAsync(reader);
        var seen = (await JsonAsync(await readerClient.GetAsync(Path(server)))).GetProperty("data")[1].GetProperty("attributes");
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("ip").ValueKind);
        Assert.Equal("[hidden]", seen.GetProperty("properties").GetProperty("ip").GetString());
        using var adminClient = await ClientAsync(admin);
        var audited = (await JsonAsync(await adminClient.GetAsync($"/api/client/servers/{server.Uuid}/activity"))).GetProperty("data")[1].GetProperty("attributes");
        Assert.Equal("203.0.113.9", audited.GetProperty("ip").GetString());
        Assert.Equal("198.51.100.4", audited.GetProperty("properties").GetProperty("ip").GetString());
    }

    [Fact]
    public async Task List_Permission_WithAndWithout()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (plain, _) = await Fixture.CreateUserAsync();
        var (stranger, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, plain, "control.console", "user.read");
        using var plainClient = await ClientAsync(plain);
        await ApiErrorAssert.AssertAsync(await plainClient.GetAsync(Path(server)), 403, "This action is unauthorized.", "AccessDeniedHttpException");
        using var strangerClient = await ClientAsync(stranger);
        await ApiErrorAssert.AssertAsync(await strangerClient.GetAsync(Path(server)), 404, "The requested resource does not exist on this server.", "NotFoundHttpException");
        await ApiErrorAssert.AssertAsync(await strangerClient.GetAsync("/api/client/servers/zzzzzzzz/activity"), 404, "The requested resource does not exist on this server.");
        using var anonymous = Fixture.Panel.Client();
        await ApiErrorAssert.AssertAsync(await anonymous.GetAsync(Path(server)), 401, "Unauthenticated.");
    }

    [Fact]
    public async Task ServerRoutes_SuspendedServer_Are409_AfterTheAccessCheck()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (stranger, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<Aerie.Panel.Servers.ServerService>().SetSuspendedAsync(server.Id, true, CancellationToken.None);
            return 0;
        });
        const string suspended = "This server is currently suspended and the functionality requested is unavailable.";
        using var client = await ClientAsync(owner);
        await ApiErrorAssert.AssertAsync(await client.GetAsync(Path(server)), 409, suspended, "ServerStateConflictException");
        await ApiErrorAssert.AssertAsync(await client.GetAsync($"/api/client/servers/{server.Identifier}/users"), 409, suspended);
        using var strangerClient = await ClientAsync(stranger);
        await ApiErrorAssert.AssertAsync(await strangerClient.GetAsync(Path(server)), 404, "The requested resource does not exist on this server.");
    }

    [Fact]
    public async Task List_CredentialsAudit_Paging_Filter_Sort()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = await ClientAsync(owner);
        await CredentialsRequests.GetAsync(client, server.Identifier);
        await Fixture.WaitForActivityAsync(server.Uuid, 1);
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        for (var i = 0; i < 26; i++)
        {
            await AddAsync(server, owner, i % 2 == 0 ? "server:console.command" : "server:power.stop", "{}", at.AddSeconds(i));
        }
        var first = await JsonAsync(await client.GetAsync(Path(server)));
        Assert.Equal("server:console.credentials", first.GetProperty("data")[0].GetProperty("attributes").GetProperty("event").GetString());
        Assert.Equal(27, first.GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal(25, first.GetProperty("data").GetArrayLength());
        var second = await JsonAsync(await client.GetAsync(Path(server) + "?page=2"));
        Assert.Equal(2, second.GetProperty("data").GetArrayLength());
        Assert.Equal("server:console.command", second.GetProperty("data")[1].GetProperty("attributes").GetProperty("event").GetString());

        var commands = await JsonAsync(await client.GetAsync(Path(server) + "?filter[event]=console.COMMAND&sort=timestamp&per_page=100"));
        Assert.Equal(13, commands.GetProperty("data").GetArrayLength());
        Assert.All(commands.GetProperty("data").EnumerateArray(), e => Assert.Equal("server:console.command", e.GetProperty("attributes").GetProperty("event").GetString()));
        await ApiErrorAssert.AssertAsync(await client.GetAsync(Path(server) + "?filter[user]=x"), 400, null, "InvalidFilterQuery");
        await ApiErrorAssert.AssertAsync(await client.GetAsync(Path(server) + "?sort=event"), 400, null, "InvalidSortQuery");
    }
}

public sealed class ServerActivityRoutesSqliteTests(SqlitePanelFixture f) : ServerActivityRoutesTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ServerActivityRoutesPostgresTests(PostgresPanelFixture f) : ServerActivityRoutesTests(f), IClassFixture<PostgresPanelFixture>;
