using System.Text.Json;
using Aerie.Compat.Tests.Support;

namespace Aerie.Compat.Tests;

/// <summary>@devnote-dev/pterojs 2.2.2's <c>PteroClient</c> (Discord bots' usual library) against the running panel and node.</summary>
[Collection(CompatCollection.Name)]
public sealed class PterojsClientTests(CompatStack stack)
{
    [Fact]
    public async Task Account_FetchAndPermissions()
    {
        var f = await JsFlows.RunAsync("pterojs-client-account", stack.Env());

        Assert.Equal(stack.AdminId, f.Int("account", "id"));
        Assert.Equal("admin", f.Text("account", "username"));
        Assert.Equal("admin@localhost", f.Text("account", "email"));
        Assert.True(f.Bool("account", "isAdmin"));
        Assert.Equal(JsonValueKind.Object, f.At("permissions", "control.keys").ValueKind);
        Assert.True(f.At("permissions", "user.keys").TryGetProperty("create", out _));
    }

    [Fact]
    public async Task Servers_ListIncludesServerResources_UnknownIs404()
    {
        var server = await stack.DemoServerAsync("pterojs list");
        var f = await JsFlows.RunAsync("pterojs-client-servers", stack.Env(("SERVER", server.Identifier)));

        var listed = f.At("list", server.Identifier); // a Dict keyed by identifier
        Assert.Equal(server.Uuid.ToString(), FlowSteps.Dig(listed, "uuid", "list").GetString());
        Assert.Equal("pterojs list", FlowSteps.Dig(listed, "name", "list").GetString());
        Assert.Equal(server.Identifier, f.Text("listWithIncludes", $"{server.Identifier}.identifier"));

        Assert.Equal(server.Identifier, f.Text("server", "identifier"));
        Assert.Equal("local", f.Text("server", "node"));
        Assert.Equal(512, f.Int("server", "limits.memory"));
        Assert.Equal(JsonValueKind.String, f.At("server", "sftpDetails.ip").ValueKind);
        Assert.False(f.Bool("server", "suspended"));
        Assert.Contains("{{DEMO_GAME}}", f.Text("server", "invocation"), StringComparison.Ordinal); // a demo server's own invocation

        Assert.Equal("offline", f.Text("resources", "currentState"));
        Assert.False(f.Bool("resources", "isSuspended"));
        Assert.Equal(JsonValueKind.Number, f.At("resources", "resources.diskBytes").ValueKind);
        var (status, message) = f.Error("unknownServer");
        Assert.Equal(404, status);
        Assert.Contains("404: The requested resource", message, StringComparison.Ordinal); // errors[0].detail reached the library
    }

    [Fact]
    public async Task Power_StartCommandRestartStop()
    {
        var server = await stack.DemoServerAsync("pterojs power");
        var f = await JsFlows.RunAsync("pterojs-client-power", stack.Env(("SERVER", server.Identifier)));

        f.Ok("start");
        Assert.True(f.Ok("running").ValueKind == JsonValueKind.True, $"never running: {f.Ok("running")}");
        f.Ok("command");
        Assert.Equal("running", f.Text("resources", "currentState"));
        Assert.True(f.At("resources", "resources.uptime").GetInt64() > 0);
        f.Ok("restart");
        Assert.True(f.Ok("runningAgain").ValueKind == JsonValueKind.True, $"never running after restart: {f.Ok("runningAgain")}");
        f.Ok("stop");
        Assert.True(f.Ok("stopped").ValueKind == JsonValueKind.True, $"never offline: {f.Ok("stopped")}");
        Assert.Equal("offline", stack.NodeState(server.Uuid));
    }

    [Fact]
    public async Task Console_CredentialsThenSocketAuthStartEchoStop()
    {
        var server = await stack.DemoServerAsync("pterojs console");
        var f = await JsFlows.RunAsync("pterojs-client-console", stack.Env(("SERVER", server.Identifier)));

        Assert.StartsWith("ws://", f.Text("credentials", "data.socket"), StringComparison.Ordinal);
        Assert.Equal(3, f.Text("credentials", "data.token")!.Split('.').Length);
        f.Ok("connect");
        Assert.True(f.Ok("authSuccess").GetBoolean());
        f.Ok("start");
        Assert.True(f.Ok("running").ValueKind == JsonValueKind.True, $"no running status on the socket: {f.Ok("running")}");
        Assert.True(f.Ok("echo").ValueKind == JsonValueKind.True, $"the command sent on the socket was not echoed: {f.Ok("echo")}");
        Assert.True(f.Ok("stopped").ValueKind == JsonValueKind.True, $"no offline status after stop: {f.Ok("stopped")}");
        Assert.Contains("starting", f.Items("statuses").Select(s => s.GetString()));
        Assert.Empty(f.Items("errors"));
    }

    [Fact]
    public async Task Rename_Persists()
    {
        var server = await stack.DemoServerAsync("pterojs rename");
        var env = stack.Env(("SERVER", server.Identifier));
        var f = await JsFlows.RunAsync("pterojs-client-rename", env);

        f.Ok("rename");
        Assert.Equal($"Renamed by pterojs {env["UNIQUE"]}", f.Text("after", "name"));
    }

    [Fact]
    public async Task Subusers_AddGetSetPermissionsRemove()
    {
        var server = await stack.DemoServerAsync("pterojs subusers");
        var user = await stack.UserAsync("pj-sub");
        var f = await JsFlows.RunAsync("pterojs-client-subusers", stack.Env(("SERVER", server.Identifier), ("SUBUSER_EMAIL", user.Email)));

        Assert.Empty(f.Items("before"));
        Assert.Equal(user.Uuid.ToString(), f.Text("add", "uuid"));
        Assert.Equal(user.Email, f.Text("add", "email"));
        Assert.NotEqual("Invalid Date", f.Text("add", "createdAt"));
        var granted = f.At("add", "permissions.value").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("control.start", granted);
        Assert.Contains("websocket.connect", granted);
        Assert.Equal(user.Username, f.Text("get", "username"));
        var updated = f.At("setPermissions", "permissions.value").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("file.read", updated);
        Assert.DoesNotContain("control.start", updated);
        Assert.Single(f.Items("afterUpdate"));
        f.Ok("remove");
        Assert.Empty(f.Items("afterRemove"));
    }

    [Fact]
    public async Task ApiKeys_CreateUseDelete_BadIpIs422()
    {
        var env = stack.Env();
        var f = await JsFlows.RunAsync("pterojs-client-apikeys", env);

        var identifier = f.Text("create", "identifier")!;
        Assert.StartsWith("ptlc_", identifier, StringComparison.Ordinal);
        Assert.Equal(32, f.Text("create", "token")!.Length); // pterojs stores meta.secret_token as-is
        Assert.Equal(["127.0.0.1"], f.At("create", "allowedIps").EnumerateArray().Select(i => i.GetString()));
        Assert.NotEqual("Invalid Date", f.Text("create", "createdAt"));
        Assert.Equal(stack.AdminId, f.Int("useNewKey", "id")); // identifier + secret, from 127.0.0.1
        Assert.Contains(f.Items("listed"), k => FlowSteps.Dig(k, "identifier", "listed").GetString() == identifier);
        f.Ok("delete");
        Assert.DoesNotContain(f.Items("after"), k => FlowSteps.Dig(k, "identifier", "after").GetString() == identifier);
        var (status, message) = f.Error("badIp");
        Assert.Equal(422, status);
        Assert.Contains("allowed ips.0", message.Replace('_', ' '), StringComparison.Ordinal);
    }
}
