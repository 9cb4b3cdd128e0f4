using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aerie.Contracts.Socket;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Infrastructure;

namespace Aerie.Panel.Tests.ClientServers;

/// <summary><c>…/resources</c>, <c>…/power</c>, <c>…/command</c> and the settings routes (spec 04 §2.3, §2.4) against the real test node.</summary>
public abstract class ServerControlTests(PanelFixture fixture)
{
    // Answers each stdin line; "stop" exits after a second, so a reinstall (which stops the game first) stays visible.
    private const string EchoGame = "echo Done; while IFS= read -r line; do if [ \"$line\" = stop ]; then sleep 1; exit 0; fi; echo \"echo: $line\"; done";
    private const string Unauthorized = "This action is unauthorized.";

    protected PanelFixture Fixture { get; } = fixture;

    private async Task<HttpClient> ClientOfAsync(PanelUser user) => Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task StartOnNodeAsync(GameServer server)
    {
        using var start = await Fixture.Node.Http.PostAsJsonAsync($"/api/servers/{server.Uuid}/power", new { action = PowerActions.Start });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        await Eventually.TrueAsync(() => Fixture.Node.ServerOf(server.Uuid).State == ServerStates.Running, what: "the server running on the node");
    }

    [Fact]
    public async Task Resources_StatsFromNode_CachedAndCoalesced()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, sub);
        using var client = await ClientOfAsync(owner);
        var path = $"/api/servers/{server.Uuid}";
        int NodeReads() => Fixture.Node.Calls.Count(c => c.Method == "GET" && c.Path == path);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetStringAsync($"/api/client/servers/{server.Identifier}/resources")));
        Assert.Equal(1, NodeReads());
        using var doc = JsonDocument.Parse(answers[0]);
        Assert.Equal("stats", doc.RootElement.GetProperty("object").GetString());
        var stats = doc.RootElement.GetProperty("attributes");
        Assert.Equal(ServerStates.Offline, stats.GetProperty("current_state").GetString());
        Assert.False(stats.GetProperty("is_suspended").GetBoolean());
        var resources = stats.GetProperty("resources");
        foreach (var key in new[] { "memory_bytes", "cpu_absolute", "disk_bytes", "network_rx_bytes", "network_tx_bytes", "uptime" })
        {
            Assert.Equal(JsonValueKind.Number, resources.GetProperty(key).ValueKind);
        }
        // Any subuser may read it (no permission of its own), and inside the window the node is not asked again.
        using var subClient = await ClientOfAsync(sub);
        Assert.Equal(HttpStatusCode.OK, (await subClient.GetAsync($"/api/client/servers/{server.Identifier}/resources")).StatusCode);
        Assert.Equal(1, NodeReads());
        await Task.Delay(2100);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/client/servers/{server.Identifier}/resources")).StatusCode);
        Assert.Equal(2, NodeReads());
    }

    [Fact]
    public async Task Resources_NodeUnreachable_Is504()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (node, _) = await Fixture.CreateNodeAsync($"http://127.0.0.1:{FreePort.Next()}");
        var server = await Fixture.CreateServerAsync(owner, nodeId: node.Id);
        using var client = await ClientOfAsync(owner);
        await ApiErrorAssert.AssertAsync(await client.GetAsync($"/api/client/servers/{server.Identifier}/resources"), 504,
            "Could not establish a connection to the machine running this server. Please try again.");
        await ApiErrorAssert.AssertAsync(await client.PostAsync($"/api/client/servers/{server.Identifier}/power", Body("""{"signal":"start"}""")), 504, null);
    }

    [Fact]
    public async Task States_RefuseEverythingButDetails_With409()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = await ClientOfAsync(owner);
        var id = server.Identifier;
        async Task RefusedAsync(string text)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/client/servers/{id}")).StatusCode);
            await ApiErrorAssert.AssertAsync(await client.GetAsync($"/api/client/servers/{id}/resources"), 409, text, "ServerStateConflictException");
            await ApiErrorAssert.AssertAsync(await client.PostAsync($"/api/client/servers/{id}/power", Body("""{"signal":"start"}""")), 409, text);
            await ApiErrorAssert.AssertAsync(await client.PostAsync($"/api/client/servers/{id}/command", Body("""{"command":"say hi"}""")), 409, text);
            await ApiErrorAssert.AssertAsync(await client.PostAsync($"/api/client/servers/{id}/settings/rename", Body("""{"name":"x"}""")), 409, text);
            await ApiErrorAssert.AssertAsync(await client.PostAsync($"/api/client/servers/{id}/settings/reinstall", Body("")), 409, text);
        }
        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.Suspended = true);
        await RefusedAsync("This server is currently suspended and the functionality requested is unavailable.");
        await ClientServerSetup.UpdateAsync(Fixture, server, s => (s.Suspended, s.Status) = (false, "installing"));
        await RefusedAsync("This server has not yet completed its installation process, please try again later.");
        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.Status = "install_failed");
        await RefusedAsync("This server has not yet completed its installation process, please try again later.");
        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.Status = "restoring_backup");
        await RefusedAsync("This server is currently restoring from a backup, please try again later.");
        // A failed reinstall leaves a usable server.
        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.Status = "reinstall_failed");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/client/servers/{id}/resources")).StatusCode);
    }

    [Fact]
    public async Task Power_PermissionBeforeValidation_AliasAndNodeCall()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (starter, _) = await Fixture.CreateUserAsync();
        var (watcher, _) = await Fixture.CreateUserAsync();
        var (stranger, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, invocation: EchoGame);
        await Fixture.AddSubuserAsync(server, starter, "control.start");
        await Fixture.AddSubuserAsync(server, watcher, "control.console");
        var path = $"/api/client/servers/{server.Identifier}/power";
        using var ownerClient = await ClientOfAsync(owner);
        using var starterClient = await ClientOfAsync(starter);
        using var watcherClient = await ClientOfAsync(watcher);
        using var strangerClient = await ClientOfAsync(stranger);

        Assert.Equal([("signal", "required")], await ApiErrorAssert.AssertValidationAsync(await ownerClient.PostAsync(path, Body(""))));
        Assert.Equal([("signal", "in")], await ApiErrorAssert.AssertValidationAsync(await ownerClient.PostAsync(path, Body("""{"signal":"explode"}"""))));
        Assert.Equal([("signal", "in")], await ApiErrorAssert.AssertValidationAsync(await ownerClient.PostAsync(path, Body("""{"action":"explode"}"""))));
        // A subuser is refused before its body is looked at: nonsense and a signal it lacks are both 403.
        await ApiErrorAssert.AssertAsync(await starterClient.PostAsync(path, Body("""{"signal":"explode"}""")), 403, Unauthorized, "AccessDeniedHttpException");
        await ApiErrorAssert.AssertAsync(await starterClient.PostAsync(path, Body("")), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await starterClient.PostAsync(path, Body("""{"signal":"stop"}""")), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await watcherClient.PostAsync(path, Body("""{"signal":"start"}""")), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await strangerClient.PostAsync(path, Body("""{"signal":"start"}""")), 404, "The requested resource does not exist on this server.");

        using (var started = await starterClient.PostAsync(path, Body("""{"signal":"start"}""")))
        {
            Assert.Equal(HttpStatusCode.NoContent, started.StatusCode);
        }
        await Eventually.TrueAsync(() => Fixture.Node.ServerOf(server.Uuid).State == ServerStates.Running, what: "the node started the server");
        var call = Assert.Single(Fixture.Node.Calls, c => c.Method == "POST" && c.Path == $"/api/servers/{server.Uuid}/power");
        Assert.Contains("\"action\":\"start\"", call.Body, StringComparison.Ordinal);
        // `action` is accepted; `signal` wins when both come.
        using (var killed = await ownerClient.PostAsync(path, Body("""{"signal":"kill","action":"start"}""")))
        {
            Assert.Equal(HttpStatusCode.NoContent, killed.StatusCode);
        }
        await Eventually.TrueAsync(() => Fixture.Node.ServerOf(server.Uuid).State == ServerStates.Offline, what: "the node killed the server");
        using (var aliased = await ownerClient.PostAsync(path, Body("""{"action":"start"}""")))
        {
            Assert.Equal(HttpStatusCode.NoContent, aliased.StatusCode);
        }
        await Eventually.TrueAsync(() => Fixture.Node.ServerOf(server.Uuid).State == ServerStates.Running, what: "the node started the server again");
        var rows = await Fixture.WaitForActivityAsync(server.Uuid, 3);
        Assert.Contains(rows, r => r.Event == "server:power.start" && r.UserUuid == starter.Uuid);
        Assert.Contains(rows, r => r.Event == "server:power.kill" && r.UserUuid == owner.Uuid);
        // An administrator holds every permission on any server: validated like an owner, obeyed like one.
        var (admin, _) = await Fixture.CreateUserAsync(admin: true);
        using var adminClient = await ClientOfAsync(admin);
        Assert.Equal([("signal", "in")], await ApiErrorAssert.AssertValidationAsync(await adminClient.PostAsync(path, Body("""{"signal":"explode"}"""))));
        using var stopped = await adminClient.PostAsync(path, Body("""{"signal":"kill"}"""));
        Assert.Equal(HttpStatusCode.NoContent, stopped.StatusCode);
        await Eventually.TrueAsync(() => Fixture.Node.ServerOf(server.Uuid).State == ServerStates.Offline, what: "the administrator's kill to reach the node");
    }

    [Fact]
    public async Task Command_SentToRunningServer_OfflineIs502_ControlCharactersAre422()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (watcher, _) = await Fixture.CreateUserAsync();
        var (viewer, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, invocation: EchoGame);
        await Fixture.AddSubuserAsync(server, watcher, "control.console");
        await Fixture.AddSubuserAsync(server, viewer, "control.start");
        var path = $"/api/client/servers/{server.Identifier}/command";
        using var ownerClient = await ClientOfAsync(owner);
        using var watcherClient = await ClientOfAsync(watcher);
        using var viewerClient = await ClientOfAsync(viewer);

        await ApiErrorAssert.AssertAsync(await ownerClient.PostAsync(path, Body("""{"command":"say hi"}""")), 502, "Server must be online in order to send commands.", "HttpException");
        await ApiErrorAssert.AssertAsync(await viewerClient.PostAsync(path, Body("""{"command":"say hi"}""")), 403, Unauthorized);
        Assert.Equal([("command", "required")], await ApiErrorAssert.AssertValidationAsync(await ownerClient.PostAsync(path, Body("{}"))));
        Assert.Equal([("command", "required")], await ApiErrorAssert.AssertValidationAsync(await ownerClient.PostAsync(path, Body("""{"command":"  "}"""))));
        Assert.Equal([("command", "string")], await ApiErrorAssert.AssertValidationAsync(await ownerClient.PostAsync(path, Body("""{"command":12}"""))));
        Assert.Equal([("command", "regex")], await ApiErrorAssert.AssertValidationAsync(await ownerClient.PostAsync(path, Body("""{"command":"say a\nsay b"}"""))));
        Assert.Equal([("command", "regex")], await ApiErrorAssert.AssertValidationAsync(await ownerClient.PostAsync(path, Body("""{"command":"say a\n\n"}"""))));
        Assert.Equal([("command", "regex")], await ApiErrorAssert.AssertValidationAsync(await ownerClient.PostAsync(path, Body("""{"command":"say \u001b[2J"}"""))));

        await StartOnNodeAsync(server);
        await using var console = await ConsoleClient.ConnectAsync(Fixture.Node.SocketUri(server.Uuid.ToString()));
        await console.AuthenticateAsync(new TokenMinter(Fixture.NodeSecret).Mint(server.Uuid.ToString()));
        using (var sent = await watcherClient.PostAsync(path, Body("""{"command":"hello there\r\n"}""")))
        {
            Assert.Equal(HttpStatusCode.NoContent, sent.StatusCode);
        }
        await console.WaitForConsoleAsync("echo: hello there");
        // The start's row and the command's: the node may ship them in separate batches.
        var rows = await Fixture.WaitForActivityAsync(server.Uuid, 2);
        Assert.Contains(rows, r => r.Event == "server:console.command" && r.UserUuid == watcher.Uuid && r.MetadataJson.Contains("hello there", StringComparison.Ordinal));
        using var killed = await Fixture.Node.Http.PostAsJsonAsync($"/api/servers/{server.Uuid}/power", new { action = PowerActions.Kill });
    }

    [Fact]
    public async Task Rename_ChangesNameAndDescription_NeedsSettingsRename()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (renamer, _) = await Fixture.CreateUserAsync();
        var (other, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, renamer, "settings.rename");
        await Fixture.AddSubuserAsync(server, other, "control.console");
        var path = $"/api/client/servers/{server.Identifier}/settings/rename";
        using var renamerClient = await ClientOfAsync(renamer);
        using var otherClient = await ClientOfAsync(other);

        using (var renamed = await renamerClient.PostAsync(path, Body("""{"name":"  Survival  ","description":"For friends"}""")))
        {
            Assert.Equal(HttpStatusCode.NoContent, renamed.StatusCode);
        }
        var row = await ClientServerSetup.ReadAsync(Fixture, server);
        Assert.Equal(("Survival", "For friends"), (row.Name, row.Description));
        using (var nameOnly = await renamerClient.PostAsync(path, Body("""{"name":"Creative"}""")))
        {
            Assert.Equal(HttpStatusCode.NoContent, nameOnly.StatusCode);
        }
        row = await ClientServerSetup.ReadAsync(Fixture, server);
        Assert.Equal(("Creative", "For friends"), (row.Name, row.Description));
        // The node's copy of the name follows (spec 03 settings.meta).
        await Eventually.TrueAsync(() => Fixture.Node.ServerOf(server.Uuid).Configuration.Settings.Meta.Name == "Creative", what: "the node to learn the new name");

        await ApiErrorAssert.AssertAsync(await otherClient.PostAsync(path, Body("""{"name":"Mine"}""")), 403, Unauthorized);
        Assert.Equal([("name", "required")], await ApiErrorAssert.AssertValidationAsync(await renamerClient.PostAsync(path, Body("""{"name":""}"""))));
        Assert.Equal([("name", "max")], await ApiErrorAssert.AssertValidationAsync(await renamerClient.PostAsync(path, Body($$"""{"name":"{{new string('x', 192)}}"}"""))));
        var rows = await Fixture.WaitForActivityAsync(server.Uuid, 3);
        Assert.Equal(2, rows.Count(r => r.Event == "server:settings.rename"));
        Assert.Single(rows, r => r.Event == "server:settings.description");
    }

    [Fact]
    public async Task Reinstall_Is202_InstallingUntilTheNodeReports_NodeDownChangesNothing()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (other, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, invocation: EchoGame);
        await Fixture.AddSubuserAsync(server, other, "settings.rename");
        using var client = await ClientOfAsync(owner);
        using var otherClient = await ClientOfAsync(other);
        var path = $"/api/client/servers/{server.Identifier}/settings/reinstall";
        await ApiErrorAssert.AssertAsync(await otherClient.PostAsync(path, Body("")), 403, Unauthorized);

        // Running: the node stops the game first (its stop takes a second), so the install state is visible meanwhile.
        await StartOnNodeAsync(server);
        using (var accepted = await client.PostAsync(path, Body("")))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }
        Assert.Equal("installing", (await ClientServerSetup.ReadAsync(Fixture, server)).Status);
        Assert.Single(Fixture.Node.Calls, c => c.Method == "POST" && c.Path == $"/api/servers/{server.Uuid}/reinstall");
        await ApiErrorAssert.AssertAsync(await client.PostAsync($"/api/client/servers/{server.Identifier}/power", Body("""{"signal":"start"}""")), 409,
            "This server has not yet completed its installation process, please try again later.");
        await Eventually.TrueAsync(async () => (await ClientServerSetup.ReadAsync(Fixture, server)).Status is null, "the node to report the reinstall done");
        Assert.Contains(await Fixture.WaitForActivityAsync(server.Uuid, 1), r => r.Event == "server:reinstall");

        var (deadNode, _) = await Fixture.CreateNodeAsync($"http://127.0.0.1:{FreePort.Next()}");
        var stranded = await Fixture.CreateServerAsync(owner, nodeId: deadNode.Id);
        await ApiErrorAssert.AssertAsync(await client.PostAsync($"/api/client/servers/{stranded.Identifier}/settings/reinstall", Body("")), 504, null);
        Assert.Null((await ClientServerSetup.ReadAsync(Fixture, stranded)).Status);
    }

    [Fact]
    public async Task DockerImage_OnlyTheEggsImages_ManualImageIs400()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (other, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await ClientServerSetup.EggServerAsync(Fixture, server);
        await Fixture.AddSubuserAsync(server, other, "startup.read");
        using var client = await ClientOfAsync(owner);
        using var otherClient = await ClientOfAsync(other);
        var path = $"/api/client/servers/{server.Identifier}/settings/docker-image";

        using (var changed = await client.PutAsync(path, Body($$"""{"docker_image":"{{ClientServerSetup.ImageB}}"}""")))
        {
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        }
        Assert.Equal(ClientServerSetup.ImageB, (await ClientServerSetup.ReadAsync(Fixture, server)).Image);
        await ApiErrorAssert.AssertAsync(await otherClient.PutAsync(path, Body($$"""{"docker_image":"{{ClientServerSetup.ImageA}}"}""")), 403, Unauthorized);
        Assert.Equal([("docker_image", "in")], await ApiErrorAssert.AssertValidationAsync(await client.PutAsync(path, Body("""{"docker_image":"evil/image:latest"}"""))));
        Assert.Equal([("docker_image", "required")], await ApiErrorAssert.AssertValidationAsync(await client.PutAsync(path, Body("{}"))));

        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.Image = "registry.example/custom:1");
        await ApiErrorAssert.AssertAsync(await client.PutAsync(path, Body($$"""{"docker_image":"{{ClientServerSetup.ImageA}}"}""")), 400,
            "This server's Docker image has been manually set by an administrator and cannot be updated.", "BadRequestHttpException");
        Assert.Equal("registry.example/custom:1", (await ClientServerSetup.ReadAsync(Fixture, server)).Image);
        Assert.Contains(await Fixture.WaitForActivityAsync(server.Uuid, 1), r => r.Event == "server:startup.image");
    }
}

public sealed class ServerControlSqliteTests(SqlitePanelFixture f) : ServerControlTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ServerControlPostgresTests(PostgresPanelFixture f) : ServerControlTests(f), IClassFixture<PostgresPanelFixture>;
