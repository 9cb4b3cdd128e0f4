using System.Net;
using System.Text;
using System.Text.Json;
using Aerie.Panel.ClientServers;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.ClientServers;

/// <summary><c>…/network/allocations</c> (spec 04 §2.5): list, auto-assign within the limit, notes, primary, delete,
/// and the ways a caller might reach allocations that are not theirs.</summary>
public abstract class NetworkApiTests(PanelFixture fixture)
{
    private const string Unauthorized = "This action is unauthorized.";

    protected PanelFixture Fixture { get; } = fixture;

    private async Task<HttpClient> ClientOfAsync(PanelUser user) => Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Path(GameServer s, string rest = "") => $"/api/client/servers/{s.Identifier}/network/allocations{rest}";

    private async Task<EggServer> ServerAsync(PanelUser owner, int? limit)
    {
        var egg = await ClientServerSetup.EggServerAsync(Fixture, await Fixture.CreateServerAsync(owner));
        await ClientServerSetup.UpdateAsync(Fixture, egg.Server, s => s.AllocationLimit = limit);
        return egg;
    }

    private Task<Allocation> AllocationAsync(int id) =>
        Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Allocations.AsNoTracking().FirstAsync(a => a.Id == id));

    private Task<Allocation> AddFreeAsync(string ip, int port) =>
        Fixture.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            var a = new Allocation { NodeId = Fixture.PanelNode.Id, Ip = ip, Port = port };
            db.Allocations.Add(a);
            await db.SaveChangesAsync();
            return a;
        });

    private int Syncs(GameServer s) => Fixture.Node.Calls.Count(c => c.Method == "POST" && c.Path == $"/api/servers/{s.Uuid}/sync");

    private Task WaitForSyncAsync(GameServer s, int before) =>
        Eventually.TrueAsync(() => Syncs(s) > before, what: "the node told to re-sync " + s.Uuid);

    [Fact]
    public async Task List_AllAllocations_PrimaryMarked_NeedsRead()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var egg = await ServerAsync(owner, limit: 3);
        await Fixture.AddSubuserAsync(egg.Server, sub, "control.console");
        using var client = await ClientOfAsync(owner);
        using var doc = JsonDocument.Parse(await client.GetStringAsync(Path(egg.Server)));
        Assert.Equal("list", doc.RootElement.GetProperty("object").GetString());
        var items = doc.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("attributes")).ToList();
        Assert.Equal([egg.Primary.Id, egg.Extra.Id], items.Select(i => i.GetProperty("id").GetInt32()));
        Assert.True(items[0].GetProperty("is_default").GetBoolean());
        Assert.False(items[1].GetProperty("is_default").GetBoolean());
        Assert.Equal("query", items[1].GetProperty("notes").GetString());
        Assert.Equal(25566, items[1].GetProperty("port").GetInt32());
        using var subClient = await ClientOfAsync(sub);
        await ApiErrorAssert.AssertAsync(await subClient.GetAsync(Path(egg.Server)), 403, Unauthorized);
    }

    [Fact]
    public async Task Create_TakesFreeOnPrimaryIp_ThenMakesOne_UntilLimit()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var egg = await ServerAsync(owner, limit: 4);
        var range = PanelFixture.AutoAllocationPorts;
        // Free but outside the range, and free in the range on another IP: neither may be taken.
        await AddFreeAsync(egg.Primary.Ip, range.High + 1);
        await AddFreeAsync("10.8." + Random.Shared.Next(1, 250) + ".1", range.Low);
        var free = await AddFreeAsync(egg.Primary.Ip, range.Low + 7);
        using var client = await ClientOfAsync(owner);
        var before = Syncs(egg.Server);

        using (var first = JsonDocument.Parse(await (await client.PostAsync(Path(egg.Server), null)).Content.ReadAsStringAsync()))
        {
            var a = first.RootElement.GetProperty("attributes");
            Assert.Equal(free.Id, a.GetProperty("id").GetInt32());
            Assert.False(a.GetProperty("is_default").GetBoolean());
        }
        Assert.Equal(egg.Server.Id, (await AllocationAsync(free.Id)).ServerId);
        await WaitForSyncAsync(egg.Server, before);

        int madeId;
        using (var second = await client.PostAsync(Path(egg.Server), null))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            using var doc = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
            var a = doc.RootElement.GetProperty("attributes");
            madeId = a.GetProperty("id").GetInt32();
            Assert.Equal(egg.Primary.Ip, a.GetProperty("ip").GetString());
            Assert.True(range.Contains(a.GetProperty("port").GetInt32()));
        }
        var made = await AllocationAsync(madeId);
        Assert.Equal((egg.Server.Id, Fixture.PanelNode.Id), (made.ServerId!.Value, made.NodeId));

        // Four held (primary, extra, two added): the limit counts the primary.
        await ApiErrorAssert.AssertAsync(await client.PostAsync(Path(egg.Server), null), 400,
            "Cannot assign additional allocations to this server: limit has been reached.");
        var rows = await Fixture.WaitForActivityAsync(egg.Server.Uuid, 2);
        Assert.Equal(2, rows.Count(r => r.Event == "server:allocation.create"));
    }

    [Fact]
    public async Task Create_NoLimit_Refused_AndAutoAllocationOff_Refused()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var egg = await ServerAsync(owner, limit: null);
        using var client = await ClientOfAsync(owner);
        await ApiErrorAssert.AssertAsync(await client.PostAsync(Path(egg.Server), null), 400,
            "Cannot assign additional allocations to this server: limit has been reached.");
        var server = await ClientServerSetup.ReadAsync(Fixture, egg.Server);
        var off = await Assert.ThrowsAsync<PanelProblem>(() => Fixture.WithScopeAsync(sp =>
            AutoAllocation.AssignAsync(sp.GetRequiredService<PanelDb>(), server, range: null, CancellationToken.None)));
        Assert.Equal((400, "Server auto-allocation is not enabled for this instance."), (off.Status, off.Message));
    }

    [Fact]
    public async Task Notes_Set_Cleared_Validated()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var egg = await ServerAsync(owner, limit: 3);
        using var client = await ClientOfAsync(owner);
        using (var set = await client.PostAsync(Path(egg.Server, $"/{egg.Extra.Id}"), Body("""{"notes":"rcon port"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            using var doc = JsonDocument.Parse(await set.Content.ReadAsStringAsync());
            Assert.Equal("rcon port", doc.RootElement.GetProperty("attributes").GetProperty("notes").GetString());
        }
        Assert.Equal("rcon port", (await AllocationAsync(egg.Extra.Id)).Notes);
        Assert.Equal([("notes", "present")], await ApiErrorAssert.AssertValidationAsync(await client.PostAsync(Path(egg.Server, $"/{egg.Extra.Id}"), Body("{}"))));
        Assert.Equal([("notes", "max")], await ApiErrorAssert.AssertValidationAsync(
            await client.PostAsync(Path(egg.Server, $"/{egg.Extra.Id}"), Body($$"""{"notes":"{{new string('n', 257)}}"}"""))));
        using (var cleared = await client.PostAsync(Path(egg.Server, $"/{egg.Extra.Id}"), Body("""{"notes":null}""")))
        {
            Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        }
        Assert.Null((await AllocationAsync(egg.Extra.Id)).Notes);
        Assert.Contains(await Fixture.WaitForActivityAsync(egg.Server.Uuid, 2), r => r.Event == "server:allocation.notes");
    }

    [Fact]
    public async Task Primary_Moves_TellsNode_AndEnvironmentFollows()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (admin, _) = await Fixture.CreateUserAsync(admin: true);
        var egg = await ServerAsync(owner, limit: 3);
        using var client = await ClientOfAsync(owner);
        using var adminClient = await ClientOfAsync(admin);
        async Task<string?> VariableAsync()
        {
            using var doc = JsonDocument.Parse(await adminClient.GetStringAsync($"/api/application/servers/{egg.Server.Id}"));
            return doc.RootElement.GetProperty("attributes").GetProperty("container").GetProperty("environment").GetProperty("P_SERVER_ALLOCATIONS").GetString();
        }
        var ip = egg.Primary.Ip;
        Assert.Equal($"{ip}:25565,{ip}:25566", await VariableAsync());
        var before = Syncs(egg.Server);
        using (var primary = await client.PostAsync(Path(egg.Server, $"/{egg.Extra.Id}/primary"), null))
        {
            Assert.Equal(HttpStatusCode.OK, primary.StatusCode);
            using var doc = JsonDocument.Parse(await primary.Content.ReadAsStringAsync());
            Assert.True(doc.RootElement.GetProperty("attributes").GetProperty("is_default").GetBoolean());
        }
        Assert.Equal(egg.Extra.Id, (await ClientServerSetup.ReadAsync(Fixture, egg.Server)).AllocationId);
        await WaitForSyncAsync(egg.Server, before);
        Assert.Equal($"{ip}:25566,{ip}:25565", await VariableAsync());
        Assert.Contains(await Fixture.WaitForActivityAsync(egg.Server.Uuid, 1), r => r.Event == "server:allocation.primary");
    }

    [Fact]
    public async Task Delete_Unassigns_RefusesPrimaryAndNoLimit()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var egg = await ServerAsync(owner, limit: 3);
        using var client = await ClientOfAsync(owner);
        await ApiErrorAssert.AssertAsync(await client.DeleteAsync(Path(egg.Server, $"/{egg.Primary.Id}")), 400,
            "You cannot delete the primary allocation for this server.");
        var before = Syncs(egg.Server);
        using (var deleted = await client.DeleteAsync(Path(egg.Server, $"/{egg.Extra.Id}")))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        var gone = await AllocationAsync(egg.Extra.Id);
        Assert.Equal(((int?)null, (string?)null), (gone.ServerId, gone.Notes));
        await WaitForSyncAsync(egg.Server, before);
        Assert.Contains(await Fixture.WaitForActivityAsync(egg.Server.Uuid, 1), r => r.Event == "server:allocation.delete");

        var unlimited = await ServerAsync(owner, limit: null);
        await ApiErrorAssert.AssertAsync(await client.DeleteAsync(Path(unlimited.Server, $"/{unlimited.Extra.Id}")), 400,
            "You cannot delete allocations for this server: no allocation limit is set.");
        Assert.Equal(unlimited.Server.Id, (await AllocationAsync(unlimited.Extra.Id)).ServerId);
    }

    [Fact]
    public async Task Attacks_ForeignIds_MissingPermissions_AllRefused()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (stranger, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var mine = await ServerAsync(owner, limit: 5);
        var theirs = await ServerAsync(stranger, limit: 5);
        var other = await ServerAsync(owner, limit: 5);
        await Fixture.AddSubuserAsync(mine.Server, sub, "allocation.read");
        using var client = await ClientOfAsync(owner);
        using var strangerClient = await ClientOfAsync(stranger);
        using var subClient = await ClientOfAsync(sub);
        const string notFound = "The requested resource was not found for this server.";

        // Another user's allocation and another of my servers' allocation, through my server: 404, untouched.
        foreach (var foreign in new[] { theirs.Extra, other.Extra })
        {
            await ApiErrorAssert.AssertAsync(await client.PostAsync(Path(mine.Server, $"/{foreign.Id}"), Body("""{"notes":"x"}""")), 404, notFound);
            await ApiErrorAssert.AssertAsync(await client.PostAsync(Path(mine.Server, $"/{foreign.Id}/primary"), null), 404, notFound);
            await ApiErrorAssert.AssertAsync(await client.DeleteAsync(Path(mine.Server, $"/{foreign.Id}")), 404, notFound);
            var row = await AllocationAsync(foreign.Id);
            Assert.Equal("query", row.Notes);
            Assert.NotEqual(mine.Server.Id, row.ServerId);
        }
        Assert.Equal(mine.Primary.Id, (await ClientServerSetup.ReadAsync(Fixture, mine.Server)).AllocationId);
        await ApiErrorAssert.AssertAsync(await client.DeleteAsync(Path(mine.Server, "/not-a-number")), 404, notFound);

        // A stranger cannot see my server at all.
        await ApiErrorAssert.AssertAsync(await strangerClient.GetAsync(Path(mine.Server)), 404, null);
        await ApiErrorAssert.AssertAsync(await strangerClient.DeleteAsync(Path(mine.Server, $"/{mine.Extra.Id}")), 404, null);

        // A subuser with allocation.read only reads.
        Assert.Equal(HttpStatusCode.OK, (await subClient.GetAsync(Path(mine.Server))).StatusCode);
        await ApiErrorAssert.AssertAsync(await subClient.PostAsync(Path(mine.Server), null), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await subClient.PostAsync(Path(mine.Server, $"/{mine.Extra.Id}"), Body("""{"notes":"x"}""")), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await subClient.PostAsync(Path(mine.Server, $"/{mine.Extra.Id}/primary"), null), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await subClient.DeleteAsync(Path(mine.Server, $"/{mine.Extra.Id}")), 403, Unauthorized);
        var extra = await AllocationAsync(mine.Extra.Id);
        Assert.Equal((mine.Server.Id, "query"), (extra.ServerId!.Value, extra.Notes));
    }
}

public sealed class NetworkApiSqliteTests(SqlitePanelFixture f) : NetworkApiTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class NetworkApiPostgresTests(PostgresPanelFixture f) : NetworkApiTests(f), IClassFixture<PostgresPanelFixture>;
