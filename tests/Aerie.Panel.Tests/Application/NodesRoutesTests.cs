using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Node.Configuration;
using Aerie.Panel.Data;
using Aerie.Panel.Locations;
using Aerie.Panel.Nodes;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Application;

/// <summary>Contract tests of <c>/api/application/nodes</c> (spec 04 §3.3): shapes, filters, configuration, refusals.</summary>
public abstract class NodesRoutesTests(PanelFixture fixture)
{
    private const string NotFound = "The requested resource could not be found on the server.";

    private static readonly string[] NodeAttributes =
    [
        "id", "uuid", "public", "name", "description", "location_id", "fqdn", "scheme", "behind_proxy", "maintenance_mode", "memory", "memory_overallocate",
        "disk", "disk_overallocate", "upload_size", "daemon_listen", "daemon_sftp", "daemon_base", "created_at", "updated_at", "allocated_resources",
    ];

    protected PanelFixture Fixture { get; } = fixture;

    private async Task<HttpClient> AdminAsync() => Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync(admin: true)).User));

    private Task<int> LocationAsync() => Fixture.WithScopeAsync(async sp => (await sp.GetRequiredService<LocationService>().CreateAsync(PanelFixture.Unique("l"), null, CancellationToken.None)).Id);

    private static Dictionary<string, object?> Body(string name, int location, long memory = 4096, long disk = 10000) => new()
    {
        ["name"] = name,
        ["location_id"] = location,
        ["fqdn"] = "node1.example.com",
        ["scheme"] = "https",
        ["memory"] = memory.ToString(System.Globalization.CultureInfo.InvariantCulture), // billing modules send numeric strings
        ["memory_overallocate"] = 0,
        ["disk"] = disk,
        ["disk_overallocate"] = -1,
        ["daemon_listen"] = 8080,
        ["daemon_sftp"] = 2022,
    };

    [Fact]
    public async Task Create_Answers201_NodeShape_DescriptionStored_UploadDefault_NoToken()
    {
        using var admin = await AdminAsync();
        var location = await LocationAsync();
        var name = "Node " + PanelFixture.Unique("c");
        var body = Body(name, location);
        body["description"] = "rack 4";
        body["public"] = "0";
        using var created = await admin.PostAsJsonAsync("/api/application/nodes", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var text = await created.Content.ReadAsStringAsync();
        var document = JsonDocument.Parse(text).RootElement;
        Assert.Equal("node", document.GetProperty("object").GetString());
        var a = document.GetProperty("attributes");
        foreach (var key in NodeAttributes)
        {
            Assert.True(a.TryGetProperty(key, out _), $"node attribute {key}");
        }
        var id = a.GetProperty("id").GetInt32();
        Assert.Equal((name, "rack 4", location, "node1.example.com", "https", 4096L, 100, false),
            (a.GetProperty("name").GetString(), a.GetProperty("description").GetString(), a.GetProperty("location_id").GetInt32(), a.GetProperty("fqdn").GetString(),
             a.GetProperty("scheme").GetString(), a.GetProperty("memory").GetInt64(), a.GetProperty("upload_size").GetInt32(), a.GetProperty("public").GetBoolean()));
        Assert.Equal(-1, a.GetProperty("disk_overallocate").GetInt32());
        Assert.Equal((0, 0), (a.GetProperty("allocated_resources").GetProperty("memory").GetInt32(), a.GetProperty("allocated_resources").GetProperty("disk").GetInt32()));
        Assert.EndsWith($"/api/application/nodes/{id}", document.GetProperty("meta").GetProperty("resource").GetString(), StringComparison.Ordinal);
        var (tokenId, secret) = await TokenAsync(id);
        Assert.DoesNotContain(tokenId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Refusals_OneEntryPerRule()
    {
        using var admin = await AdminAsync();
        var fields = await ApiErrorAssert.AssertValidationAsync(await admin.PostAsJsonAsync("/api/application/nodes", new { }));
        foreach (var field in new[] { "name", "location_id", "fqdn", "scheme", "memory", "memory_overallocate", "disk", "disk_overallocate", "daemon_listen", "daemon_sftp" })
        {
            Assert.Contains((field, "required"), fields);
        }
        var location = await LocationAsync();
        async Task<IReadOnlyList<(string, string)>> RefusedAsync(string field, object? value)
        {
            var body = Body(PanelFixture.Unique("r"), location);
            body[field] = value;
            return await ApiErrorAssert.AssertValidationAsync(await admin.PostAsJsonAsync("/api/application/nodes", body));
        }
        Assert.Contains(("name", "regex"), await RefusedAsync("name", "bad/name"));
        Assert.Contains(("location_id", "exists"), await RefusedAsync("location_id", 999_999));
        Assert.Contains(("scheme", "in"), await RefusedAsync("scheme", "ftp"));
        Assert.Contains(("upload_size", "max"), await RefusedAsync("upload_size", 2000));
        Assert.Contains(("memory", "integer"), await RefusedAsync("memory", "lots"));
        Assert.Contains(("memory_overallocate", "min"), await RefusedAsync("memory_overallocate", -2));
        Assert.Contains(("daemon_listen", "max"), await RefusedAsync("daemon_listen", 70000));
        Assert.Contains(("behind_proxy", "boolean"), await RefusedAsync("behind_proxy", "maybe"));
        var taken = PanelFixture.Unique("t");
        using (var first = await admin.PostAsJsonAsync("/api/application/nodes", Body(taken, location)))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }
        Assert.Contains(("name", "unique"), await RefusedAsync("name", taken));
    }

    [Fact]
    public async Task List_Filters_Sorts_Includes_AllocatedResources()
    {
        using var admin = await AdminAsync();
        var location = await LocationAsync();
        var tag = PanelFixture.Unique("ls");
        var small = await CreateAsync(admin, Body($"{tag}-a", location, memory: 1024, disk: 90_000));
        var large = await CreateAsync(admin, Body($"{tag}-b", location, memory: 8192, disk: 10));
        Assert.Equal([small, large], Ids(await JsonAsync(await admin.GetAsync($"/api/application/nodes?filter[name]={tag}"))));
        Assert.Equal([large, small], Ids(await JsonAsync(await admin.GetAsync($"/api/application/nodes?filter[name]={tag}&sort=-memory"))));
        Assert.Equal([large, small], Ids(await JsonAsync(await admin.GetAsync($"/api/application/nodes?filter[name]={tag}&sort=disk"))));
        var (tokenId, _) = await TokenAsync(large);
        Assert.Equal([large], Ids(await JsonAsync(await admin.GetAsync($"/api/application/nodes?filter[daemon_token_id]={tokenId}"))));
        var uuid = (await JsonAsync(await admin.GetAsync($"/api/application/nodes/{small}"))).GetProperty("attributes").GetProperty("uuid").GetString()!;
        Assert.Equal([small], Ids(await JsonAsync(await admin.GetAsync($"/api/application/nodes?filter[uuid]={uuid[9..23]}"))));
        Assert.Contains(small, Ids(await JsonAsync(await admin.GetAsync("/api/application/nodes?filter[fqdn]=node1.example&per_page=500"))));

        await Fixture.WithScopeAsync(sp => sp.GetRequiredService<Allocations.AllocationService>().CreateAsync(small, "10.9.0.1", ["25565"], null, CancellationToken.None));
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, nodeId: small, onNode: false);
        await Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Servers.Where(s => s.Id == server.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.MemoryMb, 512).SetProperty(s => s.DiskMb, 2048)));
        var included = await JsonAsync(await admin.GetAsync($"/api/application/nodes?filter[name]={tag}-a&include=allocations,location"));
        var a = Assert.Single(included.GetProperty("data").EnumerateArray()).GetProperty("attributes");
        Assert.Equal((512, 2048), (a.GetProperty("allocated_resources").GetProperty("memory").GetInt32(), a.GetProperty("allocated_resources").GetProperty("disk").GetInt32()));
        var relationships = a.GetProperty("relationships");
        Assert.Equal(25565, Assert.Single(relationships.GetProperty("allocations").GetProperty("data").EnumerateArray()).GetProperty("attributes").GetProperty("port").GetInt32());
        Assert.Equal(("location", location), (relationships.GetProperty("location").GetProperty("object").GetString(), relationships.GetProperty("location").GetProperty("attributes").GetProperty("id").GetInt32()));

        await ApiErrorAssert.AssertAsync(await admin.GetAsync("/api/application/nodes?filter[token]=x"), 400, null, "InvalidFilterQuery");
        await ApiErrorAssert.AssertAsync(await admin.GetAsync("/api/application/nodes?sort=name"), 400, null, "InvalidSortQuery");
    }

    [Fact]
    public async Task GetById_WithLocation_UnknownIs404()
    {
        using var admin = await AdminAsync();
        var location = await LocationAsync();
        var id = await CreateAsync(admin, Body(PanelFixture.Unique("g"), location));
        var node = await JsonAsync(await admin.GetAsync($"/api/application/nodes/{id}?include=location"));
        Assert.Equal(location, node.GetProperty("attributes").GetProperty("relationships").GetProperty("location").GetProperty("attributes").GetProperty("id").GetInt32());
        await ApiErrorAssert.AssertAsync(await admin.GetAsync("/api/application/nodes/999999"), 404, NotFound, "NotFoundHttpException");
        await ApiErrorAssert.AssertAsync(await admin.GetAsync("/api/application/nodes/999999/configuration"), 404, NotFound);
    }

    [Fact]
    public async Task Configuration_IsPlainJson_WithOnlyThisNodesToken_AndLoadsAsTheNodesConfig()
    {
        using var admin = await AdminAsync();
        var location = await LocationAsync();
        var body = Body(PanelFixture.Unique("cfg"), location);
        body["upload_size"] = 250;
        body["daemon_sftp"] = 2200;
        body["scheme"] = "http"; // no TLS files to find when the node loads it below
        var id = await CreateAsync(admin, body);
        using var answer = await admin.GetAsync($"/api/application/nodes/{id}/configuration");
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        var text = await answer.Content.ReadAsStringAsync();
        var config = JsonDocument.Parse(text).RootElement;
        Assert.False(config.TryGetProperty("object", out _), "plain JSON, not Fractal");
        var (tokenId, secret) = await TokenAsync(id);
        var uuid = (await JsonAsync(await admin.GetAsync($"/api/application/nodes/{id}"))).GetProperty("attributes").GetProperty("uuid").GetString();
        Assert.Equal((uuid, tokenId, secret), (config.GetProperty("uuid").GetString(), config.GetProperty("token_id").GetString(), config.GetProperty("token").GetString()));
        Assert.False(config.GetProperty("debug").GetBoolean());
        Assert.Equal(250, config.GetProperty("api").GetProperty("upload_limit").GetInt32());
        Assert.Equal(8080, config.GetProperty("api").GetProperty("port").GetInt32());
        Assert.False(config.GetProperty("api").GetProperty("ssl").GetProperty("enabled").GetBoolean());
        Assert.Equal(2200, config.GetProperty("system").GetProperty("sftp").GetProperty("bind_port").GetInt32());
        Assert.True(config.GetProperty("system").TryGetProperty("data", out _));
        Assert.Equal(JsonValueKind.Array, config.GetProperty("allowed_mounts").ValueKind);
        Assert.Equal("http://panel.test", config.GetProperty("remote").GetString());
        Assert.DoesNotContain(Fixture.NodeSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixture.PanelNode.TokenId, text, StringComparison.Ordinal);

        // Same keys as the YAML file (spec 03): saved as config.yml, the node loads it.
        var loaded = NodeConfigLoader.Parse(text, "configuration.json");
        Assert.Equal((tokenId, secret, uuid), (loaded.Config.TokenId, loaded.Config.Token, loaded.Config.Uuid));
    }

    [Fact]
    public async Task Patch_RequiresTheFieldsAgain_ResetSecretIssuesANewToken_UnknownIs404()
    {
        using var admin = await AdminAsync();
        var location = await LocationAsync();
        var name = PanelFixture.Unique("p");
        var id = await CreateAsync(admin, Body(name, location));
        var (tokenId, secret) = await TokenAsync(id);
        Assert.Contains(("fqdn", "required"), await ApiErrorAssert.AssertValidationAsync(await admin.PatchAsJsonAsync($"/api/application/nodes/{id}", new { name, location_id = location })));

        var body = Body(name, location, memory: 2048);
        body["description"] = "moved";
        body["maintenance_mode"] = true;
        body["sent_back"] = new { whole = "node" }; // pterojs sends the fetched node back; unknown keys are ignored
        var patched = (await JsonAsync(await admin.PatchAsJsonAsync($"/api/application/nodes/{id}", body))).GetProperty("attributes");
        Assert.Equal((2048L, "moved", true), (patched.GetProperty("memory").GetInt64(), patched.GetProperty("description").GetString(), patched.GetProperty("maintenance_mode").GetBoolean()));
        Assert.Equal((tokenId, secret), await TokenAsync(id));

        body["reset_secret"] = "true";
        using (var reset = await admin.PatchAsJsonAsync($"/api/application/nodes/{id}", body))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }
        var (newId, newSecret) = await TokenAsync(id);
        Assert.NotEqual(tokenId, newId);
        Assert.NotEqual(secret, newSecret);
        var config = JsonDocument.Parse(await admin.GetStringAsync($"/api/application/nodes/{id}/configuration")).RootElement;
        Assert.Equal(newSecret, config.GetProperty("token").GetString());
        await ApiErrorAssert.AssertAsync(await admin.PatchAsJsonAsync("/api/application/nodes/999999", body), 404, NotFound);
    }

    [Fact]
    public async Task Delete_WithServersIs400_OtherwiseGone()
    {
        using var admin = await AdminAsync();
        await ApiErrorAssert.AssertAsync(await admin.DeleteAsync($"/api/application/nodes/{await NodeWithServerAsync()}"), 400, NodeService.HasServersText, "HasActiveServersException");
        var id = await CreateAsync(admin, Body(PanelFixture.Unique("d"), await LocationAsync()));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/application/nodes/{id}")).StatusCode);
        await ApiErrorAssert.AssertAsync(await admin.GetAsync($"/api/application/nodes/{id}"), 404, NotFound);
        await ApiErrorAssert.AssertAsync(await admin.DeleteAsync($"/api/application/nodes/{id}"), 404, NotFound);
    }

    private async Task<int> NodeWithServerAsync()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (node, _) = await Fixture.CreateNodeAsync("http://127.0.0.1:9");
        await Fixture.CreateServerAsync(owner, nodeId: node.Id, onNode: false);
        return node.Id;
    }

    private Task<(string TokenId, string Secret)> TokenAsync(int id) => Fixture.WithScopeAsync(async sp =>
    {
        var node = await sp.GetRequiredService<PanelDb>().Nodes.AsNoTracking().FirstAsync(n => n.Id == id);
        return (node.TokenId, sp.GetRequiredService<NodeSecrets>().TryUnprotect(node.TokenSecretProtected)!);
    });

    private static async Task<int> CreateAsync(HttpClient admin, Dictionary<string, object?> body) =>
        (await JsonAsync(await admin.PostAsJsonAsync("/api/application/nodes", body))).GetProperty("attributes").GetProperty("id").GetInt32();

    private static List<int> Ids(JsonElement list) => [.. list.GetProperty("data").EnumerateArray().Select(u => u.GetProperty("attributes").GetProperty("id").GetInt32())];

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}

public sealed class NodesRoutesSqliteTests(SqlitePanelFixture f) : NodesRoutesTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class NodesRoutesPostgresTests(PostgresPanelFixture f) : NodesRoutesTests(f), IClassFixture<PostgresPanelFixture>;
