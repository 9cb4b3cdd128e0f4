using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Contracts.RemoteApi;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Remote;

/// <summary>Spec 03's node → panel API: bearer <c>token_id.token</c>, and a node only sees its own servers.</summary>
public abstract class RemoteApiTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    private async Task<(PanelNode Node, HttpClient Client)> NodeClientAsync()
    {
        var (node, secret) = await Fixture.CreateNodeAsync("http://127.0.0.1:1");
        var client = Fixture.Panel.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"{node.TokenId}.{secret}");
        return (node, client);
    }

    [Fact]
    public async Task Remote_MissingOrWrongToken_Returns401Or403()
    {
        var (node, _) = await Fixture.CreateNodeAsync("http://127.0.0.1:1");
        using var anonymous = Fixture.Panel.Client();
        using var missing = await anonymous.GetAsync("/api/remote/servers");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Contains("The required authorization heads were not present in the request.", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var wrong = Fixture.Panel.Client();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"{node.TokenId}.{new string('x', 64)}");
        using var refused = await wrong.GetAsync("/api/remote/servers");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("You are not authorized to access this endpoint.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remote_Listing_IsPagedAndScopedToTheNode()
    {
        var (node, client) = await NodeClientAsync();
        using (client)
        {
            var (owner, _) = await Fixture.CreateUserAsync();
            var mine = new List<Guid>();
            for (var i = 0; i < 3; i++)
            {
                mine.Add((await Fixture.CreateServerAsync(owner, node.Id)).Uuid);
            }
            var foreign = await Fixture.CreateServerAsync(owner);
            var page1 = await client.GetFromJsonAsync<RemoteServerPage>("/api/remote/servers?page=1&per_page=2");
            var page2 = await client.GetFromJsonAsync<RemoteServerPage>("/api/remote/servers?page=2&per_page=2");
            Assert.Equal(new PageMeta(1, 2, 2, 3), page1!.Meta);
            Assert.Equal(new PageMeta(2, 2, 2, 3), page2!.Meta);
            var seen = page1.Data.Concat(page2.Data).Select(d => Guid.Parse(d.Uuid)).ToList();
            Assert.Equal(mine.Order(), seen.Order());
            Assert.DoesNotContain(foreign.Uuid, seen);
        }
    }

    [Fact]
    public async Task Remote_Configuration_CarriesAllocations_PrimaryAsDefault()
    {
        var (node, client) = await NodeClientAsync();
        using (client)
        {
            var (owner, _) = await Fixture.CreateUserAsync();
            var egg = await ClientServers.ClientServerSetup.EggServerAsync(Fixture, await Fixture.CreateServerAsync(owner, node.Id));
            var second = await Fixture.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<PanelDb>();
                var a = new Allocation { NodeId = node.Id, Ip = "0.0.0.0", Port = 27015, ServerId = egg.Server.Id };
                db.Allocations.Add(a);
                await db.SaveChangesAsync();
                return a;
            });
            using (var doc = JsonDocument.Parse(await client.GetStringAsync($"/api/remote/servers/{egg.Server.Uuid}")))
            {
                var allocations = doc.RootElement.GetProperty("settings").GetProperty("allocations");
                Assert.False(allocations.GetProperty("force_outgoing_ip").GetBoolean());
                Assert.Equal(egg.Primary.Ip, allocations.GetProperty("default").GetProperty("ip").GetString());
                Assert.Equal(25565, allocations.GetProperty("default").GetProperty("port").GetInt32());
                var mappings = allocations.GetProperty("mappings");
                Assert.Equal([25565, 25566], mappings.GetProperty(egg.Primary.Ip).EnumerateArray().Select(p => p.GetInt32()));
                Assert.Equal([27015], mappings.GetProperty("0.0.0.0").EnumerateArray().Select(p => p.GetInt32()));
            }
            // The page the node reads at boot carries the same block; the primary moved, the default follows.
            await ClientServers.ClientServerSetup.UpdateAsync(Fixture, egg.Server, s => s.AllocationId = second.Id);
            var page = await client.GetFromJsonAsync<RemoteServerPage>("/api/remote/servers");
            var entry = Assert.Single(page!.Data);
            Assert.Equal(new AllocationAddress("0.0.0.0", 27015), entry.Settings.Allocations.Default);
            Assert.Equal(2, entry.Settings.Allocations.Mappings[egg.Primary.Ip].Count);
        }
    }

    [Fact]
    public async Task Remote_Configuration_OwnServerOnly()
    {
        var (node, client) = await NodeClientAsync();
        using (client)
        {
            var (owner, _) = await Fixture.CreateUserAsync();
            var mine = await Fixture.CreateServerAsync(owner, node.Id);
            var foreign = await Fixture.CreateServerAsync(owner);
            using var doc = JsonDocument.Parse(await client.GetStringAsync($"/api/remote/servers/{mine.Uuid}"));
            var settings = doc.RootElement.GetProperty("settings");
            Assert.Equal(mine.Uuid.ToString(), settings.GetProperty("uuid").GetString());
            Assert.Equal("./run.sh {{PORT}}", settings.GetProperty("invocation").GetString());
            Assert.Equal("25565", settings.GetProperty("environment").GetProperty("PORT").GetString());
            Assert.Equal("Done", doc.RootElement.GetProperty("process_configuration").GetProperty("startup").GetProperty("done")[0].GetString());
            Assert.Equal("command", doc.RootElement.GetProperty("process_configuration").GetProperty("stop").GetProperty("type").GetString());
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/remote/servers/{foreign.Uuid}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/remote/servers/{foreign.Uuid}/install")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/remote/servers/{foreign.Uuid}/install", new InstallStatus(false, false))).StatusCode);
        }
    }

    [Fact]
    public async Task Remote_ResetAndInstall_UpdateStatus()
    {
        var (node, client) = await NodeClientAsync();
        using (client)
        {
            var (owner, _) = await Fixture.CreateUserAsync();
            var server = await Fixture.CreateServerAsync(owner, node.Id);
            await SetStatusAsync(server.Uuid, "installing");
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/remote/servers/reset", null)).StatusCode);
            Assert.Null(await StatusAsync(server.Uuid));
            using var script = JsonDocument.Parse(await client.GetStringAsync($"/api/remote/servers/{server.Uuid}/install"));
            Assert.True(script.RootElement.TryGetProperty("container_image", out _));
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/remote/servers/{server.Uuid}/install", new InstallStatus(false, false))).StatusCode);
            Assert.Equal("install_failed", await StatusAsync(server.Uuid));
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/remote/servers/{server.Uuid}/install", new InstallStatus(true, true))).StatusCode);
            Assert.Null(await StatusAsync(server.Uuid));
        }
    }

    [Fact]
    public async Task Remote_Activity_StoredForOwnServers_RefusedForOthers()
    {
        var (node, client) = await NodeClientAsync();
        using (client)
        {
            var (owner, _) = await Fixture.CreateUserAsync();
            var mine = await Fixture.CreateServerAsync(owner, node.Id);
            var foreign = await Fixture.CreateServerAsync(owner);
            var entry = new ActivityEntry(owner.Uuid.ToString(), mine.Uuid.ToString(), ActivityEvents.ConsoleCommand, new Dictionary<string, string> { ["command"] = "say hi" }, "10.0.0.9", DateTimeOffset.UtcNow);
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/remote/activity", new ActivityBatch([entry]))).StatusCode);
            var rows = await Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Activity.AsNoTracking().Where(a => a.ServerUuid == mine.Uuid).ToListAsync());
            var row = Assert.Single(rows);
            Assert.Equal("server:console.command", row.Event);
            Assert.Equal("10.0.0.9", row.Ip);
            var stray = entry with { Server = foreign.Uuid.ToString() };
            using var refused = await client.PostAsJsonAsync("/api/remote/activity", new ActivityBatch([stray]));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal([new ActivityRejection(0, "server not found")], (await refused.Content.ReadFromJsonAsync<ActivityBatchResult>())!.Rejected);
            Assert.Empty(await Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Activity.AsNoTracking().Where(a => a.ServerUuid == foreign.Uuid).ToListAsync()));
        }
    }

    [Fact]
    public async Task Remote_Activity_BadEntriesRefusedOneByOne_TheRestStored()
    {
        var (node, client) = await NodeClientAsync();
        using (client)
        {
            var (owner, _) = await Fixture.CreateUserAsync();
            var mine = await Fixture.CreateServerAsync(owner, node.Id);
            var foreign = await Fixture.CreateServerAsync(owner);
            ActivityEntry Entry(Guid server, string command) =>
                new(null, server.ToString(), ActivityEvents.ConsoleCommand, new Dictionary<string, string> { ["command"] = command }, null, DateTimeOffset.UtcNow);
            ActivityEntry[] batch =
            [
                Entry(mine.Uuid, "first"),
                Entry(foreign.Uuid, "stray"),
                Entry(mine.Uuid, new string('<', (ActivityLimits.MaxEntryBytes / 6) + 1)),
                Entry(mine.Uuid, "last"),
            ];
            using var response = await client.PostAsJsonAsync("/api/remote/activity", new ActivityBatch(batch));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = await response.Content.ReadFromJsonAsync<ActivityBatchResult>();
            Assert.Equal([new ActivityRejection(1, "server not found"), new ActivityRejection(2, "entry too large")], result!.Rejected);
            var rows = await Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Activity.AsNoTracking().Where(a => a.ServerUuid == mine.Uuid).OrderBy(a => a.Id).ToListAsync());
            Assert.Equal(["""{"command":"first"}""", """{"command":"last"}"""], rows.Select(r => r.MetadataJson));
            Assert.Empty(await Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Activity.AsNoTracking().Where(a => a.ServerUuid == foreign.Uuid).ToListAsync()));
        }
    }

    private Task<int> SetStatusAsync(Guid uuid, string? status) =>
        Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Servers.Where(s => s.Uuid == uuid).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, status)));

    private Task<string?> StatusAsync(Guid uuid) =>
        Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Servers.AsNoTracking().Where(s => s.Uuid == uuid).Select(s => s.Status).SingleAsync());
}

public sealed class RemoteApiSqliteTests(SqlitePanelFixture f) : RemoteApiTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class RemoteApiPostgresTests(PostgresPanelFixture f) : RemoteApiTests(f), IClassFixture<PostgresPanelFixture>;
