using System.Text.Json;
using Aerie.Compat.Tests.Support;

namespace Aerie.Compat.Tests;

/// <summary>nodeactyl 3.3.0's <c>NodeactylApplication</c> (a billing script's view) with a <c>ptla_</c> key holding every mask.</summary>
[Collection(CompatCollection.Name)]
public sealed class NodeactylApplicationTests(CompatStack stack)
{
    [Fact]
    public async Task Users_CreateFindUpdateDelete()
    {
        var env = stack.Env();
        var f = await JsFlows.RunAsync("nodeactyl-app-users", env);
        var email = $"nodeactyl-{env["UNIQUE"]}@example.com";

        Assert.Equal("list", f.Text("list", "object"));
        Assert.True(f.Int("list", "meta.pagination.total_pages") >= 1); // getUserByEmail walks these pages
        Assert.Contains(f.Items("list", "data"), u => FlowSteps.Dig(u, "attributes.username", "list").GetString() == "admin");

        Assert.Equal("user", f.Text("create", "object"));
        var id = f.Int("create", "attributes.id");
        Assert.Equal(email, f.Text("create", "attributes.email"));
        Assert.Equal($"nodeactyl{env["UNIQUE"]}", f.Text("create", "attributes.username"));
        Assert.False(f.Bool("create", "attributes.root_admin"));
        Assert.EndsWith($"/api/application/users/{id}", f.Text("create", "meta.resource"), StringComparison.Ordinal);

        Assert.Equal(id, f.Int("details", "attributes.id"));
        Assert.Equal("Node", f.Text("details", "attributes.first_name"));
        Assert.Equal(id, f.Int("byEmail", "attributes.id"));
        Assert.Equal(id, f.Int("byUsername", "attributes.id"));
        Assert.Equal(422, f.Failed("duplicate"));

        Assert.True(f.Ok("update").GetBoolean());
        Assert.Equal($"renamed-{email}", f.Text("afterUpdate", "attributes.email"));
        Assert.Equal("Nodey", f.Text("afterUpdate", "attributes.first_name"));
        Assert.True(f.Ok("delete").GetBoolean());
        Assert.Equal(404, f.Failed("afterDelete"));
    }

    [Fact]
    public async Task Locations_CreateListUpdateDelete_InUseIs400()
    {
        var env = stack.Env();
        var f = await JsFlows.RunAsync("nodeactyl-app-locations", env);

        Assert.Equal("location", f.Text("create", "object"));
        var lid = f.Int("create", "attributes.id");
        Assert.Equal($"na-{env["UNIQUE"]}", f.Text("create", "attributes.short"));
        Assert.Contains(f.Items("list", "data"), l => FlowSteps.Dig(l, "attributes.id", "list").GetInt32() == lid);
        Assert.Equal($"na2-{env["UNIQUE"]}", f.Text("update", "attributes.short"));
        Assert.Equal("Renamed by nodeactyl", f.Text("details", "long"));
        Assert.Equal(lid, f.Int("nodeInIt", "attributes.location_id"));
        Assert.Equal(400, f.Failed("deleteWithNodes"));
        Assert.True(f.Ok("deleteNode").GetBoolean());
        Assert.True(f.Ok("delete").GetBoolean());
        Assert.Equal(404, f.Failed("afterDelete"));
    }

    [Fact]
    public async Task Nodes_ListDetailsConfigurationCreateUpdateDelete()
    {
        var env = stack.Env();
        var f = await JsFlows.RunAsync("nodeactyl-app-nodes", env);

        Assert.Contains(f.Items("list", "data"), n => FlowSteps.Dig(n, "attributes.id", "list").GetInt32() == stack.NodeId);
        Assert.Equal("local", f.Text("details", "name"));
        Assert.Equal(stack.LocationId, f.Int("details", "location_id"));
        Assert.Equal(JsonValueKind.Object, f.At("details", "allocated_resources").ValueKind);
        Assert.False(f.Ok("details").TryGetProperty("daemon_token", out _)); // never the node token

        // configuration is plain JSON with the node daemon's keys (spec 03), not Fractal.
        Assert.False(f.Ok("configuration").TryGetProperty("object", out _));
        Assert.Equal(stack.Stack.Provisioned.Node.Uuid.ToString(), f.Text("configuration", "uuid"));
        Assert.Equal(stack.Stack.Provisioned.Node.TokenId, f.Text("configuration", "token_id"));
        Assert.Equal(stack.PanelUrl.TrimEnd('/'), f.Text("configuration", "remote")!.TrimEnd('/'));
        Assert.Equal(JsonValueKind.Number, f.At("configuration", "api.port").ValueKind);

        Assert.Equal("node", f.Text("create", "object"));
        Assert.True(f.Int("create", "attributes.id") > stack.NodeId);
        Assert.Equal($"na-{env["UNIQUE"]}.example.com", f.Text("create", "attributes.fqdn"));
        Assert.Equal(2048, f.Int("create", "attributes.memory"));
        Assert.Equal(8080, f.Int("create", "attributes.daemon_listen"));
        Assert.Equal($"na-node2-{env["UNIQUE"]}", f.Text("update", "attributes.name"));
        Assert.Equal(4096, f.Int("afterUpdate", "memory"));
        Assert.Equal("Updated by nodeactyl", f.Text("afterUpdate", "description")); // beyond Pterodactyl: stored
        Assert.True(f.Ok("delete").GetBoolean());
        Assert.Equal(404, f.Failed("afterDelete"));
    }

    [Fact]
    public async Task Allocations_CreateListDelete_AssignedIs400()
    {
        var server = await stack.DemoServerAsync("nodeactyl allocations");
        var port = 32000 + Random.Shared.Next(1000);
        var f = await JsFlows.RunAsync("nodeactyl-app-allocations", stack.Env(("ALLOC_PORT", port), ("ALLOC_ID", server.AllocationId ?? 0)));

        Assert.True(f.Ok("create").GetBoolean());
        var fresh = Assert.Single(f.Items("list", "data"), a => FlowSteps.Dig(a, "attributes.port", "list").GetInt32() == port);
        Assert.Equal("allocation", FlowSteps.Dig(fresh, "object", "list").GetString());
        Assert.Equal(CompatStack.AllocationIp, FlowSteps.Dig(fresh, "attributes.ip", "list").GetString());
        Assert.False(FlowSteps.Dig(fresh, "attributes.assigned", "list").GetBoolean());
        Assert.True(f.Ok("delete").GetBoolean());
        Assert.Equal(400, f.Failed("deleteAssigned"));
        Assert.DoesNotContain(f.Items("afterDelete", "data"), a => FlowSteps.Dig(a, "attributes.port", "afterDelete").GetInt32() == port);
    }

    [Fact]
    public async Task Nest_EggOfNestOne()
    {
        Assert.Equal(1, stack.NestId); // nodeactyl always asks nest 1
        var f = await JsFlows.RunAsync("nodeactyl-app-nest", stack.Env());

        Assert.Equal("egg", f.Text("egg", "object"));
        Assert.Equal(stack.EggId, f.Int("egg", "attributes.id"));
        Assert.Equal(stack.NestId, f.Int("egg", "attributes.nest"));
        Assert.Equal(CompatStack.EggImage, f.Text("egg", "attributes.docker_image"));
        Assert.Equal(stack.EggStartup, f.Text("egg", "attributes.startup"));
        Assert.Equal(404, f.Failed("unknownEgg"));
    }

    [Fact]
    public async Task Servers_ListDetailsSuspendUnsuspend_OwnerWithServersIs400()
    {
        var owner = await stack.UserAsync("na-owner");
        var server = await stack.DemoServerAsync("nodeactyl suspend", owner);
        var f = await JsFlows.RunAsync("nodeactyl-app-servers", stack.Env(("SERVER_ID", server.Id), ("SERVER", server.Identifier), ("OWNER_ID", owner.Id)));

        Assert.Contains(f.Items("list", "data"), s => FlowSteps.Dig(s, "attributes.id", "list").GetInt32() == server.Id);
        Assert.Equal(server.Identifier, f.Text("details", "identifier"));
        Assert.Equal(owner.Id, f.Int("details", "user"));
        Assert.Equal(stack.NodeId, f.Int("details", "node"));
        Assert.Equal(stack.EggId, f.Int("details", "egg"));
        Assert.Equal(server.AllocationId, f.Int("details", "allocation"));
        Assert.False(f.Bool("details", "suspended"));
        Assert.True(f.Ok("suspend").GetBoolean());
        Assert.True(f.Bool("suspended", "suspended"));
        Assert.Equal(409, f.Failed("clientWhileSuspended"));
        Assert.True(f.Ok("unsuspend").GetBoolean());
        Assert.False(f.Bool("unsuspended", "suspended"));
        Assert.False((await stack.ServerRowAsync(server.Id))!.Suspended);
        Assert.Equal(400, f.Failed("deleteOwner"));
        Assert.Equal(404, f.Failed("unknownServer"));
        // Pterodactyl's suspension sets status "suspended" (the §2.1 status values); checked last so the steps above still report.
        Assert.True(f.Text("suspended", "status") == "suspended", $"a suspended server's status is \"suspended\", got {f.At("suspended", "status")}");
    }

    [Fact]
    public async Task CreateServer_WithServerBuilderDeploy_UpdateDelete_NoNodeIs400()
    {
        var env = stack.Env();
        var f = await JsFlows.RunAsync("nodeactyl-app-create-server", env);

        // The builder sends allocation.default 1 and deploy {locations: [location]}: deploy wins.
        Assert.Equal("server", f.Text("create", "object"));
        var id = f.Int("create", "attributes.id");
        Assert.Equal($"nodeactyl {env["UNIQUE"]}", f.Text("create", "attributes.name"));
        Assert.Equal(stack.NodeId, f.Int("create", "attributes.node"));
        Assert.Equal(256, f.Int("create", "attributes.limits.memory"));
        Assert.Equal(CompatStack.EggImage, f.Text("create", "attributes.container.image"));
        // nodeactyl's Minecraft env keys are ignored; the egg's variables take their defaults.
        Assert.Equal("alex", f.Text("create", "attributes.container.environment.DEMO_PLAYERS"));
        Assert.False(f.At("create", "attributes.container.environment").TryGetProperty("DL_VERSION", out _));
        Assert.Equal(id, f.Int("details", "id"));

        Assert.True(f.Ok("updateDetails").GetBoolean());
        Assert.True(f.Ok("updateBuild").GetBoolean());
        Assert.True(f.Ok("updateStartup").GetBoolean());
        Assert.Equal($"renamed {env["UNIQUE"]}", f.Text("afterUpdates", "name"));
        Assert.Equal($"ext-{env["UNIQUE"]}", f.Text("afterUpdates", "external_id"));
        Assert.Equal(512, f.Int("afterUpdates", "limits.memory"));
        Assert.Equal(2048, f.Int("afterUpdates", "limits.disk"));
        Assert.Equal(2, f.Int("afterUpdates", "feature_limits.backups"));
        Assert.Equal("steve", f.Text("afterUpdates", "container.environment.DEMO_PLAYERS"));

        Assert.Equal(400, f.Failed("noNode"));
        Assert.True(f.Ok("delete").GetBoolean());
        Assert.Equal(404, f.Failed("afterDelete"));
        Assert.Null(await stack.ServerRowAsync(id));
    }
}
