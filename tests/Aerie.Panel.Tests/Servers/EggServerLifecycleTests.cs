using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aerie.Contracts.Socket;
using Aerie.Panel.Allocations;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Infrastructure;
using Aerie.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Servers;

/// <summary>
/// A server from a local test egg, end to end on the real panel and the real node (process runtime, sandbox): created
/// through the Application API (a rule error first), installed by the node on create (the script writes the config
/// files), a user edits an editable variable and cannot edit a locked one, then it starts with every parser's file
/// rewritten from its variables and its allocation's port, and reaches running (spec 05 §4, §5, §7, §8).
/// </summary>
public abstract class EggServerLifecycleTests(PanelFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    protected PanelFixture Fixture { get; } = fixture;

    [Fact]
    public async Task LocalEgg_CreatedInstalledEditedStarted_FilesRewrittenWithItsPort()
    {
        var egg = await EggServers.ImportAsync(Fixture, Egg(), "lifecycle.json");
        var port = FreePort.Next();
        var allocation = await Fixture.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<AllocationService>().CreateAsync(Fixture.PanelNode.Id, "127.0.0.1", [port.ToString(CultureInfo.InvariantCulture)], null, CancellationToken.None);
            return await sp.GetRequiredService<PanelDb>().Allocations.AsNoTracking().SingleAsync(a => a.NodeId == Fixture.PanelNode.Id && a.Ip == "127.0.0.1" && a.Port == port);
        });
        using var admin = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync(admin: true)).User));
        var (owner, _) = await Fixture.CreateUserAsync();

        // A value breaking its rule is refused with the field named, and nothing is made.
        using (var refused = await admin.PostAsync("/api/application/servers", Body(CreateBody(egg.Id, owner.Id, allocation.Id, "not a name!"))))
        {
            var text = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.UnprocessableEntity, text);
            Assert.Contains("environment.GAME_NAME", text, StringComparison.Ordinal);
        }
        using var created = await admin.PostAsync("/api/application/servers", Body(CreateBody(egg.Id, owner.Id, allocation.Id, "alpha")));
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, createdText);
        var attributes = JsonDocument.Parse(createdText).RootElement.GetProperty("attributes");
        var uuid = Guid.Parse(attributes.GetProperty("uuid").GetString()!);
        var identifier = attributes.GetProperty("identifier").GetString()!;

        // The node installs it on create and reports: the status leaves `installing`, the script's file is there.
        await Eventually.TrueAsync(async () => (await StatusAsync(uuid)) is null, "the node's install report", Wait);
        var server = Fixture.Node.ServerOf(uuid);
        Assert.Equal("installed alpha\n", await File.ReadAllTextAsync(Path.Combine(server.WorkingDirectory, "installed.txt")));

        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        using (var edit = await client.PutAsync($"/api/client/servers/{identifier}/startup/variable", Body("""{"key":"MOTD","value":"Welcome"}""")))
        {
            Assert.True(edit.StatusCode == HttpStatusCode.OK, await edit.Content.ReadAsStringAsync());
        }
        using (var locked = await client.PutAsync($"/api/client/servers/{identifier}/startup/variable", Body("""{"key":"MAX_PLAYERS","value":"99"}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
            Assert.Contains("read-only", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await Eventually.TrueAsync(() => server.Configuration.Settings.Environment.GetValueOrDefault("MOTD") == "Welcome", Wait, "the node to sync the new value");

        using (var start = await client.PostAsync($"/api/client/servers/{identifier}/power", Body("""{"signal":"start"}""")))
        {
            Assert.Equal(HttpStatusCode.NoContent, start.StatusCode);
        }
        await Eventually.TrueAsync(() => server.State == ServerStates.Running, Wait, "the server to reach running");
        try
        {
            var folder = server.WorkingDirectory;
            var p = port.ToString(CultureInfo.InvariantCulture);
            var properties = await File.ReadAllTextAsync(Path.Combine(folder, "server.properties"));
            Assert.Contains("server-port=" + p, properties, StringComparison.Ordinal);
            Assert.Contains("motd=Welcome", properties, StringComparison.Ordinal);
            Assert.Contains("max-players=10", properties, StringComparison.Ordinal);
            var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "settings.json")))!;
            Assert.Equal(port, json["net"]!["port"]!.GetValue<int>());
            Assert.Equal("alpha", json["name"]!.GetValue<string>());
            Assert.Contains("port: " + p, await File.ReadAllTextAsync(Path.Combine(folder, "config.yml")), StringComparison.Ordinal);
            Assert.Contains("port = " + p, await File.ReadAllTextAsync(Path.Combine(folder, "game.ini")), StringComparison.Ordinal);
            Assert.Contains("<port>" + p + "</port>", await File.ReadAllTextAsync(Path.Combine(folder, "config.xml")), StringComparison.Ordinal);
            Assert.Contains("PORT " + p + "\n", await File.ReadAllTextAsync(Path.Combine(folder, "start.cfg")), StringComparison.Ordinal);
            // The game itself saw its allocation's port and the value through the environment.
            Assert.Contains(server.History.Last(100), line => line.Contains("Ready on 127.0.0.1:" + p + " as alpha", StringComparison.Ordinal));
        }
        finally
        {
            using var kill = await client.PostAsync($"/api/client/servers/{identifier}/power", Body("""{"signal":"kill"}"""));
        }
    }

    private Task<string?> StatusAsync(Guid uuid) =>
        Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Servers.AsNoTracking().Where(s => s.Uuid == uuid).Select(s => s.Status).SingleAsync());

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static string CreateBody(int egg, int user, int allocation, string gameName) => new JsonObject
    {
        ["name"] = PanelFixture.Unique("lifecycle"),
        ["user"] = user,
        ["egg"] = egg,
        ["docker_image"] = "~aerie/demo:latest",
        ["startup"] = Startup,
        ["environment"] = new JsonObject { ["GAME_NAME"] = gameName, ["MAX_PLAYERS"] = "10" },
        ["limits"] = new JsonObject { ["memory"] = 256, ["swap"] = 0, ["disk"] = 512, ["io"] = 500, ["cpu"] = 100 },
        ["feature_limits"] = new JsonObject { ["databases"] = 0, ["backups"] = 0, ["allocations"] = 1 },
        ["allocation"] = new JsonObject { ["default"] = allocation },
    }.ToJsonString();

    private const string Startup = "echo \"Ready on {{SERVER_IP}}:{{SERVER_PORT}} as {{GAME_NAME}}\" && exec sleep 300";

    /// <summary>A PTDL_v2 egg written for this test: an install script that writes one file per parser, config rewrites
    /// of every parser, and variables of several rules (one of them locked for users).</summary>
    private static string Egg()
    {
        var files = new JsonObject
        {
            ["server.properties"] = Find("properties", ("server-port", "{{server.build.default.port}}"), ("motd", "{{server.build.env.MOTD}}"), ("max-players", "{{env.MAX_PLAYERS}}")),
            ["settings.json"] = Find("json", ("net.port", "{{server.build.default.port}}"), ("name", "{{server.environment.GAME_NAME}}")),
            ["config.yml"] = Find("yaml", ("port", "{{server.allocations.default.port}}")),
            ["game.ini"] = Find("ini", ("net.port", "{{server.build.default.port}}")),
            ["config.xml"] = Find("xml", ("config.port", "{{server.build.default.port}}")),
            ["start.cfg"] = Find("file", ("PORT", "PORT {{server.build.default.port}}")),
        };
        const string script = "#!/bin/bash\r\n"
            + "cd /mnt/server\r\n"
            + "printf 'server-port=1\\nmotd=old\\nmax-players=1\\n' > server.properties\r\n"
            + "printf '{\"net\":{\"port\":0},\"name\":\"x\"}' > settings.json\r\n"
            + "printf 'port: 0\\n' > config.yml\r\n"
            + "printf '[net]\\nport = 0\\n' > game.ini\r\n"
            + "printf '<config><port>0</port></config>\\n' > config.xml\r\n"
            + "printf 'NAME x\\nPORT 0\\n' > start.cfg\r\n"
            + "echo \"installed ${GAME_NAME}\" > installed.txt\r\n"
            + "echo install wrote its files\r\n";
        return new JsonObject
        {
            ["meta"] = new JsonObject { ["version"] = "PTDL_v2", ["update_url"] = null },
            ["name"] = "Lifecycle test egg",
            ["author"] = "tests@aerie.test",
            ["description"] = "Written for the panel tests.",
            ["docker_images"] = new JsonObject { ["Demo"] = "~aerie/demo:latest" },
            ["file_denylist"] = new JsonArray(),
            ["startup"] = Startup,
            ["config"] = new JsonObject
            {
                ["files"] = files.ToJsonString(),
                ["startup"] = """{"done":"Ready on "}""",
                ["logs"] = "{}",
                ["stop"] = "^C",
            },
            ["scripts"] = new JsonObject
            {
                ["installation"] = new JsonObject { ["script"] = script, ["container"] = "~aerie/demo:latest", ["entrypoint"] = "bash" },
            },
            ["variables"] = new JsonArray(
                Variable("Game name", "GAME_NAME", "beta", "required|alpha_dash|max:20", editable: true),
                Variable("Message", "MOTD", "Hello", "nullable|string|max:40", editable: true),
                Variable("Max players", "MAX_PLAYERS", "20", "required|integer|between:1,100", editable: false)),
        }.ToJsonString();
    }

    private static JsonObject Find(string parser, params (string Match, string Value)[] pairs)
    {
        var find = new JsonObject();
        foreach (var (match, value) in pairs)
        {
            find[match] = value;
        }
        return new JsonObject { ["parser"] = parser, ["find"] = find };
    }

    private static JsonObject Variable(string name, string env, string value, string rules, bool editable) => new()
    {
        ["name"] = name,
        ["description"] = name + ".",
        ["env_variable"] = env,
        ["default_value"] = value,
        ["user_viewable"] = true,
        ["user_editable"] = editable,
        ["rules"] = rules,
        ["field_type"] = "text",
    };
}

public sealed class EggServerLifecycleSqliteTests(SqlitePanelFixture f) : EggServerLifecycleTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class EggServerLifecyclePostgresTests(PostgresPanelFixture f) : EggServerLifecycleTests(f), IClassFixture<PostgresPanelFixture>;
