using Aerie.Compat.Tests.Support;

namespace Aerie.Compat.Tests;

/// <summary>nodeactyl 3.3.0's <c>NodeactylClient</c> (a bot's view) against the running panel and node.</summary>
[Collection(CompatCollection.Name)]
public sealed class NodeactylClientTests(CompatStack stack)
{
    [Fact]
    public async Task Account_DetailsAndPermissions()
    {
        var f = await JsFlows.RunAsync("nodeactyl-client-account", stack.Env());

        Assert.Equal(stack.AdminId, f.Int("account", "id"));
        Assert.Equal("admin", f.Text("account", "username"));
        Assert.True(f.Bool("account", "admin"));
        Assert.Equal("admin@localhost", f.Text("account", "email"));
        Assert.Contains("control.console", f.At("permissions", "permissions.control.keys").EnumerateObject().Select(p => "control." + p.Name));
        Assert.Contains("connect", f.At("permissions", "permissions.websocket.keys").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Servers_ListPageDetailsResources_UnknownIs404()
    {
        var server = await stack.DemoServerAsync("nodeactyl list");
        var f = await JsFlows.RunAsync("nodeactyl-client-servers", stack.Env(("SERVER", server.Identifier)));

        // getAllServers returns the whole body (GET /api/client?page=1), getServerPage(1) its data (GET /api/client/?page=1).
        Assert.Equal("list", f.Text("servers", "object"));
        Assert.True(f.Int("servers", "meta.pagination.total") >= 1);
        Assert.Contains(f.Items("servers", "data"), s => FlowSteps.Dig(s, "attributes.identifier", "servers").GetString() == server.Identifier);
        Assert.Contains(f.Items("page1"), s => FlowSteps.Dig(s, "attributes.uuid", "page1").GetString() == server.Uuid.ToString());

        Assert.Equal(server.Identifier, f.Text("details", "identifier"));
        Assert.Equal(server.Uuid.ToString(), f.Text("details", "uuid"));
        Assert.Equal("nodeactyl list", f.Text("details", "name"));
        Assert.True(f.Bool("details", "server_owner"));
        Assert.Equal(512, f.Int("details", "limits.memory"));
        Assert.Equal("allocation", f.Text("details", "relationships.allocations.data.0.object"));
        Assert.Equal(CompatStack.AllocationIp, f.Text("details", "relationships.allocations.data.0.attributes.ip"));

        Assert.Equal("offline", f.Text("usages", "current_state"));
        Assert.False(f.Bool("usages", "is_suspended"));
        Assert.Equal(0, f.At("usages", "resources.memory_bytes").GetInt64());
        Assert.Equal("offline", f.Ok("status").GetString());

        Assert.Equal(404, f.Failed("unknownServer"));
        Assert.Equal(401, f.Failed("badKey"));
    }

    [Fact]
    public async Task Power_StartCommandStopKill_OfflineCommandIs502()
    {
        var server = await stack.DemoServerAsync("nodeactyl power");
        var f = await JsFlows.RunAsync("nodeactyl-client-power", stack.Env(("SERVER", server.Identifier)));

        Assert.Equal("offline", f.Ok("statusBefore").GetString());
        Assert.True(f.Ok("start").GetBoolean());
        Assert.True(f.Ok("running").ValueKind == System.Text.Json.JsonValueKind.True, $"the server never reported running: {f.Ok("running")}");
        Assert.True(f.Ok("command").GetBoolean());
        Assert.Equal("running", f.Text("usages", "current_state"));
        Assert.True(f.At("usages", "resources.memory_bytes").GetInt64() > 0, "a running game uses memory");
        Assert.True(f.Ok("stop").GetBoolean());
        Assert.True(f.Ok("stopped").ValueKind == System.Text.Json.JsonValueKind.True, $"the server never reported offline: {f.Ok("stopped")}");
        Assert.True(f.Ok("kill").GetBoolean());
        Assert.Equal(502, f.Failed("commandOffline"));
        Assert.Equal("offline", stack.NodeState(server.Uuid));
    }

    [Fact]
    public async Task ConsoleWebsocket_TokenAndSocketUrl()
    {
        var server = await stack.DemoServerAsync("nodeactyl socket");
        var f = await JsFlows.RunAsync("nodeactyl-client-websocket", stack.Env(("SERVER", server.Identifier)));

        var socket = f.Text("websocket", "socket")!;
        Assert.StartsWith("ws://127.0.0.1:", socket, StringComparison.Ordinal);
        Assert.EndsWith($"/api/servers/{server.Uuid}/ws", socket, StringComparison.Ordinal);
        Assert.Equal(3, f.Text("websocket", "token")!.Split('.').Length);
    }

    [Fact]
    public async Task Rename_ShowsInDetails()
    {
        var server = await stack.DemoServerAsync("nodeactyl rename");
        var env = stack.Env(("SERVER", server.Identifier));
        var f = await JsFlows.RunAsync("nodeactyl-client-rename", env);

        Assert.True(f.Ok("rename").GetBoolean());
        Assert.Equal($"Renamed by nodeactyl {env["UNIQUE"]}", f.Text("details", "name"));
        Assert.Equal($"Renamed by nodeactyl {env["UNIQUE"]}", (await stack.ServerRowAsync(server.Id))!.Name);
    }

    [Fact]
    public async Task Subusers_ListAndAdd()
    {
        var server = await stack.DemoServerAsync("nodeactyl subusers");
        var user = await stack.UserAsync("na-sub");
        var f = await JsFlows.RunAsync("nodeactyl-client-subusers", stack.Env(("SERVER", server.Identifier), ("SUBUSER_EMAIL", user.Email)));

        Assert.Empty(f.Items("before"));
        Assert.Equal(user.Uuid.ToString(), f.Text("add", "uuid"));
        Assert.Equal(user.Email, f.Text("add", "email"));
        var permissions = f.At("add", "permissions").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("control.console", permissions);
        Assert.Contains("websocket.connect", permissions); // always added
        Assert.StartsWith("https://gravatar.com/avatar/", f.Text("add", "image"), StringComparison.Ordinal);
        var listed = Assert.Single(f.Items("after"));
        Assert.Equal("server_subuser", FlowSteps.Dig(listed, "object", "after").GetString());
        Assert.Equal(user.Email, FlowSteps.Dig(listed, "attributes.email", "after").GetString());
    }

    [Fact]
    public async Task ApiKeys_CreateUseDelete()
    {
        var env = stack.Env();
        var f = await JsFlows.RunAsync("nodeactyl-client-apikeys", env);

        var before = f.Items("before").Count;
        Assert.Equal("api_key", f.Text("create", "object"));
        var identifier = f.Text("create", "attributes.identifier")!;
        Assert.StartsWith("ptlc_", identifier, StringComparison.Ordinal);
        Assert.Equal(16, identifier.Length);
        Assert.Equal(32, f.Text("create", "meta.secret_token")!.Length); // the secret only; the key is identifier + secret
        Assert.Equal($"nodeactyl {env["UNIQUE"]}", f.Text("create", "attributes.description"));
        Assert.Equal(stack.AdminId, f.Int("useNewKey", "id"));
        Assert.Equal(before + 1, f.Items("listed").Count);
        Assert.Contains(f.Items("listed"), k => FlowSteps.Dig(k, "attributes.identifier", "listed").GetString() == identifier);
        Assert.True(f.Ok("delete").GetBoolean());
        Assert.DoesNotContain(f.Items("after"), k => FlowSteps.Dig(k, "attributes.identifier", "after").GetString() == identifier);
        Assert.Equal(401, f.Failed("useDeletedKey"));
    }
}
