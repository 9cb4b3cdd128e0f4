using System.Text.Json;
using Aerie.Compat.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Compat.Tests;

/// <summary>@devnote-dev/pterojs 2.2.2's <c>PteroApp</c> with a <c>ptla_</c> key holding every mask.</summary>
[Collection(CompatCollection.Name)]
public sealed class PterojsApplicationTests(CompatStack stack)
{
    [Fact]
    public async Task Users_CreateQueryExternalSortUpdateDelete_InvalidIs422()
    {
        var env = stack.Env();
        var f = await JsFlows.RunAsync("pterojs-app-users", env);
        var email = $"ptero-{env["UNIQUE"]}@example.com";

        Assert.Contains(f.Items("list"), u => FlowSteps.Dig(u, "username", "list").GetString() == "admin");
        var id = f.Int("create", "id");
        Assert.Equal(email, f.Text("create", "email"));
        Assert.Equal("Ptero", f.Text("create", "firstname"));
        Assert.Equal($"ptero-{env["UNIQUE"]}", f.Text("create", "externalId"));
        Assert.False(f.Bool("create", "isAdmin"));
        Assert.NotEqual("Invalid Date", f.Text("create", "createdAt"));
        var found = Assert.Single(f.Items("query"));
        Assert.Equal(id, FlowSteps.Dig(found, "id", "query").GetInt32());
        Assert.Equal(id, f.Int("get", "id"));
        Assert.Equal(id, f.Int("external", "id"));
        var sorted = f.Items("sorted").Select(u => FlowSteps.Dig(u, "id", "sorted").GetInt32()).ToList();
        Assert.Equal(2, sorted.Count); // per_page=2
        Assert.True(sorted[0] > sorted[1], "sort=-id is descending");
        Assert.Equal("Pterry", f.Text("update", "firstname"));
        Assert.Equal(email, f.Text("update", "email"));
        var (status, message) = f.Error("invalid");
        Assert.Equal(422, status);
        Assert.Contains("email", message, StringComparison.Ordinal);
        f.Ok("delete");
        Assert.Equal(404, f.Failed("afterDelete"));
    }

    [Fact]
    public async Task Nodes_ListGetIncludeConfigurationQuery()
    {
        var f = await JsFlows.RunAsync("pterojs-app-nodes", stack.Env());

        Assert.Equal("local", f.Text("list", $"{stack.NodeId}.name"));
        Assert.Equal(stack.NodeId, f.Int("get", "id"));
        Assert.Equal(stack.Stack.Provisioned.Node.Uuid.ToString(), f.Text("get", "uuid"));
        Assert.Equal(stack.LocationId, f.Int("get", "locationId"));
        Assert.Equal(JsonValueKind.Number, f.At("get", "daemon.listening").ValueKind);
        Assert.NotEqual("Invalid Date", f.Text("get", "createdAt"));
        Assert.Equal(stack.NodeId, f.Int("withLocation", "id"));
        Assert.Equal(stack.Stack.Provisioned.Node.TokenId, f.Text("configuration", "tokenId"));
        Assert.Equal(stack.Stack.Provisioned.Node.Uuid.ToString(), f.Text("configuration", "uuid"));
        Assert.Equal("local", Assert.Single(f.Items("query"), n => FlowSteps.Dig(n, "name", "query").GetString() == "local").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Locations_CreateGetUpdateQueryDelete()
    {
        var env = stack.Env();
        var f = await JsFlows.RunAsync("pterojs-app-locations", env);

        Assert.Equal(stack.LocationId, f.Int("list", $"{stack.LocationId}.id"));
        var id = f.Int("create", "id");
        Assert.Equal($"pj-{env["UNIQUE"]}", f.Text("create", "short"));
        Assert.Equal("Made by pterojs", f.Text("get", "long"));
        Assert.Equal($"pj2-{env["UNIQUE"]}", f.Text("update", "short"));
        Assert.Equal(id, FlowSteps.Dig(Assert.Single(f.Items("query")), "id", "query").GetInt32());
        f.Ok("delete");
    }

    [Fact]
    public async Task Allocations_FetchCreateAvailableDelete()
    {
        var port = 33000 + Random.Shared.Next(1000);
        var f = await JsFlows.RunAsync("pterojs-app-allocations", stack.Env(("ALLOC_PORT", port)));

        Assert.True(f.Items("before").Count >= 1);
        f.Ok("create");
        var fresh = Assert.Single(f.Items("after"), a => FlowSteps.Dig(a, "port", "after").GetInt32() == port);
        Assert.Equal(CompatStack.AllocationIp, FlowSteps.Dig(fresh, "ip", "after").GetString());
        Assert.False(FlowSteps.Dig(fresh, "assigned", "after").GetBoolean());
        Assert.All(f.Items("available"), a => Assert.False(FlowSteps.Dig(a, "assigned", "available").GetBoolean()));
        Assert.Contains(f.Items("available"), a => FlowSteps.Dig(a, "port", "available").GetInt32() == port);
        f.Ok("delete");
        Assert.DoesNotContain(f.Items("afterDelete"), a => FlowSteps.Dig(a, "port", "afterDelete").GetInt32() == port);
    }

    [Fact]
    public async Task NestsAndEggs_ListGetEggsEggWithVariables()
    {
        var f = await JsFlows.RunAsync("pterojs-app-nests", stack.Env());

        Assert.Equal("Aerie", f.Text("list", $"{stack.NestId}.name"));
        Assert.Equal(stack.NestId, f.Int("get", "id"));
        Assert.Equal("aerie@localhost", f.Text("get", "author")); // the built-in nest's author (Eggs/BuiltIn/BuiltInTemplates.cs)
        Assert.Equal("Demo game", f.Text("eggs", $"{stack.EggId}.name"));
        Assert.Equal(stack.EggId, f.Int("egg", "id"));
        Assert.Equal(stack.NestId, f.Int("egg", "nest"));
        Assert.Equal(CompatStack.EggImage, f.Text("egg", "dockerImage"));
        Assert.Equal(CompatStack.EggImage, f.Text("egg", "dockerImages.Demo"));
        var variables = f.Items("egg", "relationships.variables.data").Select(v => FlowSteps.Dig(v, "attributes.envVariable", "egg").GetString()).ToList();
        Assert.Equal(["DEMO_PLAYERS", "DEMO_MEMORY_MB"], variables); // pterojs camel-cases the whole egg, relationships too
    }

    [Fact]
    public async Task Servers_ListGetQuerySuspendUnsuspend()
    {
        var server = await stack.DemoServerAsync("pterojs suspend");
        var f = await JsFlows.RunAsync("pterojs-app-servers", stack.Env(("SERVER_ID", server.Id), ("SERVER", server.Identifier)));

        Assert.Equal(server.Identifier, f.Text("list", $"{server.Id}.identifier"));
        Assert.Equal(server.Uuid.ToString(), f.Text("get", "uuid"));
        Assert.Equal(stack.AdminId, f.Int("get", "ownerId"));
        Assert.Equal(stack.NodeId, f.Int("get", "nodeId"));
        Assert.Equal(512, f.Int("get", "limits.memory"));
        Assert.Equal(JsonValueKind.Object, f.At("get", "container.environment").ValueKind);
        Assert.Equal(server.Uuid.ToString(), f.Text("get", "container.environment.P_SERVER_UUID"));
        Assert.Equal(server.Id, FlowSteps.Dig(Assert.Single(f.Items("query")), "id", "query").GetInt32()); // filter[uuidShort]
        f.Ok("suspend");
        Assert.True(f.Bool("suspended", "suspended"));
        f.Ok("unsuspend");
        Assert.False(f.Bool("unsuspended", "suspended"));
    }

    [Fact]
    public async Task CreateServer_BuilderWithAllocationAndEmptyDeploy_ExternalBuildDelete()
    {
        int allocation;
        await using (var scope = stack.Stack.Panel.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Aerie.Panel.Data.PanelDb>();
            allocation = (await db.Allocations.AsNoTracking().OrderByDescending(a => a.Id).FirstAsync(a => a.NodeId == stack.NodeId && a.ServerId == null)).Id;
        }
        var env = stack.Env(("ALLOC_ID", allocation));
        var f = await JsFlows.RunAsync("pterojs-app-create-server", env);

        var id = f.Int("create", "id");
        Assert.Equal($"pterojs {env["UNIQUE"]}", f.Text("create", "name"));
        Assert.Equal(allocation, f.Int("create", "allocation")); // the chosen allocation, not a deployed one
        Assert.Equal("alex,steve", f.Text("create", "container.environment.DEMO_PLAYERS"));
        Assert.Equal("32", f.Text("create", "container.environment.DEMO_MEMORY_MB")); // omitted: the egg default
        Assert.Equal(128, f.Int("create", "limits.memory")); // pterojs's default limits
        Assert.Equal(id, f.Int("external", "id"));
        Assert.Equal(512, f.Int("updateBuild", "limits.memory"));
        f.Ok("delete");
        Assert.Equal(404, f.Failed("afterDelete"));
        Assert.Null(await stack.ServerRowAsync(id));
    }
}
