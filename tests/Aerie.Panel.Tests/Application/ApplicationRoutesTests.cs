using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Panel.Allocations;
using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Aerie.Panel.Locations;
using Aerie.Panel.Nodes;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Application;

/// <summary>Contract tests of the Application API's locations, node allocations, nests and eggs (spec 04 §3.3-§3.4).</summary>
public abstract class ApplicationRoutesTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    private async Task<HttpClient> AdminAsync() => Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync(admin: true)).User));

    [Theory]
    [InlineData("/api/application/locations")]
    [InlineData("/api/application/nests")]
    public async Task Routes_NonAdminKey_Is403(string path)
    {
        using var user = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync()).User));
        await ApiErrorAssert.AssertAsync(await user.GetAsync(path), 403, null);
        using var anonymous = Fixture.Panel.Client();
        await ApiErrorAssert.AssertAsync(await anonymous.GetAsync(path), 401, "Unauthenticated.");
    }

    [Fact]
    public async Task Locations_Crud_Shapes_AndRefusals()
    {
        using var admin = await AdminAsync();
        var code = PanelFixture.Unique("loc");
        using var created = await admin.PostAsJsonAsync("/api/application/locations", new { @short = code, @long = "Frankfurt" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        Assert.Equal("location", body.GetProperty("object").GetString());
        var attributes = body.GetProperty("attributes");
        var id = attributes.GetProperty("id").GetInt32();
        Assert.Equal((code, "Frankfurt"), (attributes.GetProperty("short").GetString(), attributes.GetProperty("long").GetString()));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", attributes.GetProperty("created_at").GetString()!);
        Assert.EndsWith($"/api/application/locations/{id}", body.GetProperty("meta").GetProperty("resource").GetString(), StringComparison.Ordinal);

        var list = await JsonAsync(await admin.GetAsync($"/api/application/locations?filter[short]={code}"));
        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.Equal(id, Assert.Single(list.GetProperty("data").EnumerateArray()).GetProperty("attributes").GetProperty("id").GetInt32());
        Assert.Equal(1, list.GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        await ApiErrorAssert.AssertAsync(await admin.GetAsync("/api/application/locations?filter[nope]=x"), 400, null, "InvalidFilterQuery");

        var fields = await ApiErrorAssert.AssertValidationAsync(await admin.PostAsJsonAsync("/api/application/locations", new { @short = code }));
        Assert.Contains(("short", "unique"), fields);
        Assert.Contains(("short", "required"), await ApiErrorAssert.AssertValidationAsync(await admin.PostAsJsonAsync("/api/application/locations", new { @long = "x" })));

        var patched = await JsonAsync(await admin.PatchAsJsonAsync($"/api/application/locations/{id}", new { @short = code + "b" }));
        Assert.Equal(code + "b", patched.GetProperty("attributes").GetProperty("short").GetString());

        await Fixture.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<NodeService>().CreateAsync(new NodeDetails(PanelFixture.Unique("n"), id, "n.example.com", "https", 0, 0, 0, 0, 8080, 2022), CancellationToken.None);
            return 0;
        });
        var withNodes = await JsonAsync(await admin.GetAsync($"/api/application/locations/{id}?include=nodes"));
        Assert.Equal("node", Assert.Single(withNodes.GetProperty("attributes").GetProperty("relationships").GetProperty("nodes").GetProperty("data").EnumerateArray()).GetProperty("object").GetString());
        await ApiErrorAssert.AssertAsync(await admin.DeleteAsync($"/api/application/locations/{id}"), 400, LocationService.HasNodesText);

        var empty = (await JsonAsync(await admin.PostAsJsonAsync("/api/application/locations", new { @short = PanelFixture.Unique("e") }))).GetProperty("attributes").GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/application/locations/{empty}")).StatusCode);
        await ApiErrorAssert.AssertAsync(await admin.GetAsync($"/api/application/locations/{empty}"), 404, "The requested resource could not be found on the server.");
    }

    [Fact]
    public async Task Allocations_PortAndMaskBoundaries_ServerInclude()
    {
        using var admin = await AdminAsync();
        var location = await Fixture.WithScopeAsync(sp => sp.GetRequiredService<LocationService>().CreateAsync(PanelFixture.Unique("l"), null, CancellationToken.None));
        var node = await Fixture.WithScopeAsync(sp => sp.GetRequiredService<NodeService>().CreateAsync(
            new NodeDetails(PanelFixture.Unique("n"), location.Id, "n.example.com", "https", 0, 0, 0, 0, 8080, 2022), CancellationToken.None));
        var path = $"/api/application/nodes/{node.Id}/allocations";
        foreach (var refused in new[] { "1024", "65536", "1024-1030", "65530-65536" })
        {
            await ApiErrorAssert.AssertAsync(await admin.PostAsJsonAsync(path, new { ip = "10.3.0.1", ports = new[] { refused } }), 400, PortMappings.OutOfRangeText);
        }
        await ApiErrorAssert.AssertAsync(await admin.PostAsJsonAsync(path, new { ip = "10.3.0.1", ports = new[] { "30000-31000" } }), 400, PortMappings.TooManyText);
        await ApiErrorAssert.AssertAsync(await admin.PostAsJsonAsync(path, new { ip = "10.3.0.0/33", ports = new[] { "30000" } }), 400, AllocationIps.CidrText);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync(path, new { ip = "10.3.0.1", ports = new[] { "1025", "65535", "30000-30999" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync(path, new { ip = "10.3.1.0/25", ports = new[] { "25565" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync(path, new { ip = "10.3.2.7/32", ports = new[] { "25565" } })).StatusCode);
        // The same (ip, port) again is no second row.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync(path, new { ip = "10.3.0.1", ports = new[] { "1025" } })).StatusCode);
        Assert.Equal(1002 + 128 + 1, (await JsonAsync(await admin.GetAsync(path))).GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());

        // The node page lists who holds each port: include=server.
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, node.Id);
        await Fixture.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            var row = await db.Allocations.FirstAsync(x => x.NodeId == node.Id && x.Ip == "10.3.2.7");
            row.ServerId = server.Id;
            return await db.SaveChangesAsync();
        });
        var listed = await JsonAsync(await admin.GetAsync($"{path}?filter[ip]=10.3.2.7&include=server"));
        var held = Assert.Single(listed.GetProperty("data").EnumerateArray()).GetProperty("attributes");
        Assert.True(held.GetProperty("assigned").GetBoolean());
        Assert.Equal(server.Uuid.ToString(), held.GetProperty("relationships").GetProperty("server").GetProperty("attributes").GetProperty("uuid").GetString());
        var free = await JsonAsync(await admin.GetAsync($"{path}?filter[ip]=10.3.0.1&filter[port]=1025&include=server"));
        Assert.Equal("null_resource", Assert.Single(free.GetProperty("data").EnumerateArray()).GetProperty("attributes").GetProperty("relationships").GetProperty("server").GetProperty("object").GetString());
    }

    [Fact]
    public async Task Allocations_CreateListFilterDelete_AndTheFourRefusals()
    {
        using var admin = await AdminAsync();
        var location = await Fixture.WithScopeAsync(sp => sp.GetRequiredService<LocationService>().CreateAsync(PanelFixture.Unique("l"), null, CancellationToken.None));
        var node = await Fixture.WithScopeAsync(sp => sp.GetRequiredService<NodeService>().CreateAsync(
            new NodeDetails(PanelFixture.Unique("n"), location.Id, "n.example.com", "https", 0, 0, 0, 0, 8080, 2022), CancellationToken.None));
        var path = $"/api/application/nodes/{node.Id}/allocations";
        using var created = await admin.PostAsJsonAsync(path, new { ip = "10.2.0.0/31", ports = new[] { "25565", "25570-25571" }, alias = "play" });
        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);

        var list = await JsonAsync(await admin.GetAsync(path));
        Assert.Equal(6, list.GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        var first = list.GetProperty("data")[0];
        Assert.Equal("allocation", first.GetProperty("object").GetString());
        var a = first.GetProperty("attributes");
        Assert.Equal(("10.2.0.0", "play", false), (a.GetProperty("ip").GetString(), a.GetProperty("alias").GetString(), a.GetProperty("assigned").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, a.GetProperty("notes").ValueKind);
        var filtered = await JsonAsync(await admin.GetAsync($"{path}?filter[ip]=10.2.0.1&filter[port]=25570&include=node"));
        var only = Assert.Single(filtered.GetProperty("data").EnumerateArray()).GetProperty("attributes");
        Assert.Equal(node.Id, only.GetProperty("relationships").GetProperty("node").GetProperty("attributes").GetProperty("id").GetInt32());
        Assert.Equal(6, (await JsonAsync(await admin.GetAsync($"{path}?filter[server_id]=none"))).GetProperty("data").GetArrayLength());

        await ApiErrorAssert.AssertAsync(await admin.PostAsJsonAsync(path, new { ip = "10.2.0.0/24", ports = new[] { "25565" } }), 400, AllocationIps.CidrText);
        await ApiErrorAssert.AssertAsync(await admin.PostAsJsonAsync(path, new { ip = "10.2.0.9", ports = new[] { "x1" } }), 400, PortMappings.InvalidText("x1"));
        await ApiErrorAssert.AssertAsync(await admin.PostAsJsonAsync(path, new { ip = "10.2.0.9", ports = new[] { "30000-31500" } }), 400, PortMappings.TooManyText);
        await ApiErrorAssert.AssertAsync(await admin.PostAsJsonAsync(path, new { ip = "10.2.0.9", ports = new[] { "80" } }), 400, PortMappings.OutOfRangeText);
        Assert.Contains(("ports", "required"), await ApiErrorAssert.AssertValidationAsync(await admin.PostAsJsonAsync(path, new { ip = "10.2.0.9" })));

        var id = only.GetProperty("id").GetInt32();
        await ApiErrorAssert.AssertAsync(await admin.DeleteAsync($"/api/application/nodes/{Fixture.PanelNode.Id}/allocations/{id}"), 404, null);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{path}/{id}")).StatusCode);
        Assert.Equal(5, (await JsonAsync(await admin.GetAsync(path))).GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        await ApiErrorAssert.AssertAsync(await admin.GetAsync("/api/application/nodes/999999/allocations"), 404, null);
    }

    [Fact]
    public async Task NestsAndEggs_Read_WithIncludes_EggOfAnotherNestIs404()
    {
        using var admin = await AdminAsync();
        var (nest, other, egg) = await Fixture.WithScopeAsync(async sp =>
        {
            var catalog = sp.GetRequiredService<EggCatalog>();
            var n = await catalog.CreateNestAsync(PanelFixture.Unique("nest"), "Minecraft", "a@example.test", CancellationToken.None);
            var o = await catalog.CreateNestAsync(PanelFixture.Unique("nest"), null, "a@example.test", CancellationToken.None);
            var e = await catalog.CreateEggAsync(n.Id, new Egg { Name = "Paper", Startup = "java -jar {{JAR}}", DockerImagesJson = """{"Java 21":"ghcr.io/x/java:21","Java 17":"ghcr.io/x/java:17"}""" },
                [new EggVariable { Name = "Jar", EnvVariable = "JAR", DefaultValue = "server.jar", Rules = "required|string", UserViewable = true }], CancellationToken.None);
            return (n, o, e);
        });
        var nestBody = await JsonAsync(await admin.GetAsync($"/api/application/nests/{nest.Id}?include=eggs"));
        Assert.Equal(("nest", "Minecraft"), (nestBody.GetProperty("object").GetString(), nestBody.GetProperty("attributes").GetProperty("description").GetString()));
        Assert.Single(nestBody.GetProperty("attributes").GetProperty("relationships").GetProperty("eggs").GetProperty("data").EnumerateArray());
        Assert.True((await JsonAsync(await admin.GetAsync("/api/application/nests"))).GetProperty("meta").TryGetProperty("pagination", out _));

        var eggs = await JsonAsync(await admin.GetAsync($"/api/application/nests/{nest.Id}/eggs"));
        Assert.False(eggs.TryGetProperty("meta", out _)); // not paginated
        var eggBody = await JsonAsync(await admin.GetAsync($"/api/application/nests/{nest.Id}/eggs/{egg.Id}?include=variables"));
        var attributes = eggBody.GetProperty("attributes");
        Assert.Equal(("egg", nest.Id, "ghcr.io/x/java:21"), (eggBody.GetProperty("object").GetString(), attributes.GetProperty("nest").GetInt32(), attributes.GetProperty("docker_image").GetString()));
        Assert.Equal(JsonValueKind.Object, attributes.GetProperty("config").GetProperty("files").ValueKind);
        var variable = Assert.Single(attributes.GetProperty("relationships").GetProperty("variables").GetProperty("data").EnumerateArray());
        Assert.Equal(("egg_variable", "JAR"), (variable.GetProperty("object").GetString(), variable.GetProperty("attributes").GetProperty("env_variable").GetString()));

        await ApiErrorAssert.AssertAsync(await admin.GetAsync($"/api/application/nests/{other.Id}/eggs/{egg.Id}"), 404, "The requested resource could not be found on the server.");
        await ApiErrorAssert.AssertAsync(await admin.GetAsync("/api/application/nests/999999"), 404, null);
    }

    [Fact]
    public async Task Deployable_ListsNodesWithRoom_WithAllocations_NoneIs400()
    {
        using var admin = await AdminAsync();
        var location = await Fixture.WithScopeAsync(sp => sp.GetRequiredService<LocationService>().CreateAsync(PanelFixture.Unique("l"), null, CancellationToken.None));
        var node = await Fixture.WithScopeAsync(sp => sp.GetRequiredService<NodeService>().CreateAsync(
            new NodeDetails(PanelFixture.Unique("n"), location.Id, "n.example.com", "https", 4096, 0, 10000, 0, 8080, 2022), CancellationToken.None));
        await Fixture.WithScopeAsync(sp => sp.GetRequiredService<AllocationService>().CreateAsync(node.Id, "10.3.0.1", ["27015"], null, CancellationToken.None));
        var found = await JsonAsync(await admin.GetAsync($"/api/application/nodes/deployable?memory=4096&disk=100&location_ids[]={location.Id}&include[]=allocations"));
        Assert.False(found.TryGetProperty("meta", out _));
        var attributes = Assert.Single(found.GetProperty("data").EnumerateArray()).GetProperty("attributes");
        Assert.Equal(node.Id, attributes.GetProperty("id").GetInt32());
        var allocation = Assert.Single(attributes.GetProperty("relationships").GetProperty("allocations").GetProperty("data").EnumerateArray()).GetProperty("attributes");
        Assert.Equal((27015, false), (allocation.GetProperty("port").GetInt32(), allocation.GetProperty("assigned").GetBoolean()));
        var paged = await JsonAsync(await admin.GetAsync($"/api/application/nodes/deployable?memory=1&disk=1&location_ids[0]={location.Id}&page=1"));
        Assert.Equal(1, paged.GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        await ApiErrorAssert.AssertAsync(await admin.GetAsync($"/api/application/nodes/deployable?memory=4097&disk=1&location_ids[]={location.Id}"), 400,
            "No nodes satisfying the requirements specified for automatic deployment could be found.", "NoViableNodeException");
        Assert.Contains(("memory", "required"), await ApiErrorAssert.AssertValidationAsync(await admin.GetAsync("/api/application/nodes/deployable?disk=1")));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

public sealed class ApplicationRoutesSqliteTests(SqlitePanelFixture f) : ApplicationRoutesTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ApplicationRoutesPostgresTests(PostgresPanelFixture f) : ApplicationRoutesTests(f), IClassFixture<PostgresPanelFixture>;
