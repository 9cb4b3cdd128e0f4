using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Aerie.Panel.Tests.Eggs;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Servers;

/// <summary>
/// The configuration document a node fetches for a server made from an egg (spec 05 §2–§5, spec 03): real public
/// eggs of the shared fixtures and a local egg written for these tests, read back through the remote API.
/// </summary>
public abstract class EggServerConfigurationTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    [Fact]
    public async Task PaperFixture_CreatedThroughTheApplicationApi_StopDoneAndPropertiesWithThePort()
    {
        var egg = await EggServers.ImportAsync(Fixture, EggFixtures.Text("ptdl2-paper.json"), "ptdl2-paper.json");
        var allocation = await EggServers.AllocationAsync(Fixture, Fixture.PanelNode.Id);
        using var admin = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync(admin: true)).User));
        var (owner, _) = await Fixture.CreateUserAsync();
        var body = new JsonObject
        {
            ["name"] = PanelFixture.Unique("paper"),
            ["user"] = owner.Id,
            ["egg"] = egg.Id,
            ["docker_image"] = "ghcr.io/pterodactyl/yolks:java_17",
            ["startup"] = egg.Startup,
            ["environment"] = new JsonObject { ["MINECRAFT_VERSION"] = "1.20.4" },
            ["limits"] = new JsonObject { ["memory"] = 2048, ["swap"] = 0, ["disk"] = 4096, ["io"] = 500, ["cpu"] = 200 },
            ["feature_limits"] = new JsonObject { ["databases"] = 0, ["backups"] = 0, ["allocations"] = 2 },
            ["allocation"] = new JsonObject { ["default"] = allocation.Id },
            // Pterodactyl's skip_scripts: kept, and sent to the node as skip_egg_scripts.
            ["skip_scripts"] = true,
        };
        using var created = await admin.PostAsync("/api/application/servers", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, createdText);
        var uuid = JsonDocument.Parse(createdText).RootElement.GetProperty("attributes").GetProperty("uuid").GetString()!;
        Assert.Equal("installing", JsonDocument.Parse(createdText).RootElement.GetProperty("attributes").GetProperty("status").GetString());

        using var node = NodeClient(Fixture.PanelNode, Fixture.NodeSecret);
        var doc = await ConfigurationAsync(node, uuid);
        var settings = doc.GetProperty("settings");
        // The raw template: the node's entrypoint expands it, the panel never does.
        Assert.Equal(egg.Startup, settings.GetProperty("invocation").GetString());
        Assert.Contains("{{SERVER_JARFILE}}", settings.GetProperty("invocation").GetString(), StringComparison.Ordinal);
        Assert.Equal("ghcr.io/pterodactyl/yolks:java_17", settings.GetProperty("container").GetProperty("image").GetString());
        Assert.True(settings.GetProperty("skip_egg_scripts").GetBoolean());
        var env = Strings(settings.GetProperty("environment"));
        Assert.Equal("1.20.4", env["MINECRAFT_VERSION"]);
        Assert.Equal("server.jar", env["SERVER_JARFILE"]);
        Assert.Equal("latest", env["BUILD_NUMBER"]);
        Assert.Equal("", env["DL_PATH"]);
        Assert.Equal(egg.Startup, env["STARTUP"]);
        Assert.Equal(uuid, env["P_SERVER_UUID"]);
        Assert.Equal("2", env["P_SERVER_ALLOCATION_LIMIT"]);
        Assert.Equal(await LocationShortAsync(Fixture.PanelNode.Id), env["P_SERVER_LOCATION"]);
        var process = doc.GetProperty("process_configuration");
        Assert.Equal(("command", "stop"), Stop(process));
        Assert.Equal([")! For help, type "], process.GetProperty("startup").GetProperty("done").EnumerateArray().Select(d => d.GetString()));
        Assert.False(process.GetProperty("startup").GetProperty("strip_ansi").GetBoolean());
        Assert.Equal(0, process.GetProperty("startup").GetProperty("user_interaction").GetArrayLength());
        var file = Assert.Single(process.GetProperty("configs").EnumerateArray());
        Assert.Equal(("server.properties", "properties"), (file.GetProperty("file").GetString(), file.GetProperty("parser").GetString()));
        var port = allocation.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([("server-ip", "0.0.0.0", null), ("server-port", port, null), ("query.port", port, null)], Replacements(file));
        // The listing a booting node pages through carries the same document.
        var listed = await ListedAsync(node, uuid);
        Assert.Equal(process.GetRawText(), listed.GetProperty("process_configuration").GetRawText());
    }

    [Fact]
    public async Task MumbleFixture_CtrlCIsSignalC_IniGetsTheVariableAndPort()
    {
        var (panelNode, secret) = await Fixture.CreateNodeAsync("http://127.0.0.1:1");
        var egg = await EggServers.ImportAsync(Fixture, EggFixtures.Text("ptdl2-mumble.json"), "ptdl2-mumble.json");
        var allocation = await EggServers.AllocationAsync(Fixture, panelNode.Id);
        var server = await EggServers.CreateAsync(Fixture, egg, panelNode.Id, allocation, new() { ["MAX_USERS"] = "42" });
        using var node = NodeClient(panelNode, secret);
        var process = (await ConfigurationAsync(node, server.Uuid.ToString())).GetProperty("process_configuration");
        Assert.Equal(("signal", "C"), Stop(process));
        Assert.Equal(["Server listening on"], process.GetProperty("startup").GetProperty("done").EnumerateArray().Select(d => d.GetString()));
        var file = Assert.Single(process.GetProperty("configs").EnumerateArray());
        Assert.Equal(("murmur.ini", "ini"), (file.GetProperty("file").GetString(), file.GetProperty("parser").GetString()));
        var replace = Replacements(file).ToDictionary(r => r.Match, r => r.With);
        Assert.Equal("42", replace["users"]);
        Assert.Equal(allocation.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), replace["port"]);
        Assert.Equal("0.0.0.0", replace["host"]);
    }

    [Fact]
    public async Task EggFileDenylist_SentAsSettingsEgg_WithTheEggUuid()
    {
        var (panelNode, secret) = await Fixture.CreateNodeAsync("http://127.0.0.1:1");
        var text = JsonNode.Parse(EggServers.ProxyEgg())!;
        text["file_denylist"] = new JsonArray("*.jar", "!proxy.jar", "/config/");
        var egg = await EggServers.ImportAsync(Fixture, text.ToJsonString(), "proxy.json");
        var server = await EggServers.CreateAsync(Fixture, egg, panelNode.Id, await EggServers.AllocationAsync(Fixture, panelNode.Id));
        using var node = NodeClient(panelNode, secret);

        var settings = (await ConfigurationAsync(node, server.Uuid.ToString())).GetProperty("settings");

        // Wings reads settings.egg.{id, file_denylist}; the node enforces the list on its file API (spec 06 §5).
        var eggSettings = settings.GetProperty("egg");
        Assert.Equal(egg.Uuid.ToString(), eggSettings.GetProperty("id").GetString());
        Assert.Equal(["*.jar", "!proxy.jar", "/config/"], eggSettings.GetProperty("file_denylist").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task LocalEgg_EveryPlaceholderVocabulary_NestedIfValue_SkippedEntries_CaretCaretC()
    {
        var (panelNode, secret) = await Fixture.CreateNodeAsync("http://127.0.0.1:1");
        var egg = await EggServers.ImportAsync(Fixture, EggServers.ProxyEgg(), "proxy.json");
        var primary = await EggServers.AllocationAsync(Fixture, panelNode.Id, "10.1.2.3");
        var server = await EggServers.CreateAsync(Fixture, egg, panelNode.Id, primary, new() { ["MAX_PLAYERS"] = "64", ["MOTD"] = "Welcome" });
        var extra = await EggServers.AllocationAsync(Fixture, panelNode.Id, "10.1.2.3");
        await Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Allocations.Where(a => a.Id == extra.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.ServerId, server.Id)));
        using var node = NodeClient(panelNode, secret);
        var doc = await ConfigurationAsync(node, server.Uuid.ToString());
        var env = Strings(doc.GetProperty("settings").GetProperty("environment"));
        Assert.Equal(("proxy.jar", "64", "Welcome"), (env["PROXY_JAR"], env["MAX_PLAYERS"], env["MOTD"]));
        var process = doc.GetProperty("process_configuration");
        // ^^C: the text after the first ^, which the node does not know as a signal name (so it kills).
        Assert.Equal(("signal", "^C"), Stop(process));
        Assert.Equal(["Listening on ", "regex:^Ready"], process.GetProperty("startup").GetProperty("done").EnumerateArray().Select(d => d.GetString()));
        Assert.True(process.GetProperty("startup").GetProperty("strip_ansi").GetBoolean());
        var configs = process.GetProperty("configs").EnumerateArray().ToList();
        // "notes.txt" (not an object) and "empty.json" (no find) are skipped, not errors.
        Assert.Equal(["config.yml", "extra.properties"], configs.Select(c => c.GetProperty("file").GetString()));
        var port = primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var yaml = configs[0];
        Assert.Equal("yaml", yaml.GetProperty("parser").GetString());
        Assert.False(yaml.TryGetProperty("create_file", out var createYaml) && createYaml.ValueKind != JsonValueKind.Null);
        var yamlReplace = yaml.GetProperty("replace").EnumerateArray().ToList();
        Assert.Equal(
            [
                ("listeners[0].host", "0.0.0.0:" + port, null),
                ("servers.*.address", "{{config.docker.interface}}$2", @"regex:^(127\.0\.0\.1|localhost)(:\d+)?$"),
                ("player_limit", "64", null),
                ("motd", "Welcome on ||{{config.token}}", null),
                ("memory", "1536", null),
            ],
            Replacements(yaml).Where(r => r.Match != "online_mode"));
        // A boolean stays a boolean for the json/yaml parsers.
        Assert.Equal(JsonValueKind.True, yamlReplace.Single(r => r.GetProperty("match").GetString() == "online_mode").GetProperty("replace_with").ValueKind);
        var properties = configs[1];
        Assert.False(properties.GetProperty("create_file").GetBoolean());
        var p = Replacements(properties).ToDictionary(r => r.Match, r => r.With);
        Assert.Equal("10.1.2.3", p["ip"]);
        Assert.Equal($"{port}|10.1.2.3|1536", p["legacy"]);
        Assert.Equal(server.Uuid.ToString(), p["uuid"]);
        Assert.Equal("proxy.jar", p["jar"]);
        Assert.Equal("ghcr.io/example/java:21", p["image"]);
        var ports = JsonNode.Parse(p["ports"]!)!.AsObject();
        Assert.Equal([primary.Port, extra.Port], ports["10.1.2.3"]!.AsArray().Select(n => n!.GetValue<int>()));
    }

    [Fact]
    public async Task InheritingEgg_TakesItsParentsConfigAndScript()
    {
        var (panelNode, secret) = await Fixture.CreateNodeAsync("http://127.0.0.1:1");
        var parent = await EggServers.ImportAsync(Fixture, EggServers.ProxyEgg(), "proxy.json");
        var child = await Fixture.WithScopeAsync(async sp =>
        {
            var e = await sp.GetRequiredService<EggCatalog>().CreateEggAsync(parent.NestId,
                new Egg { Name = PanelFixture.Unique("child"), Startup = "./child", DockerImagesJson = """{"Base":"ghcr.io/example/base:1"}""", ScriptInstall = "" },
                [new EggVariable { Name = "Max players", EnvVariable = "MAX_PLAYERS", DefaultValue = "8", Rules = "required|integer" }], CancellationToken.None);
            await sp.GetRequiredService<PanelDb>().Eggs.Where(x => x.Id == e.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.ConfigFromId, parent.Id).SetProperty(x => x.CopyScriptFromId, parent.Id));
            return e;
        });
        var server = await EggServers.CreateAsync(Fixture, child, panelNode.Id, await EggServers.AllocationAsync(Fixture, panelNode.Id));
        using var node = NodeClient(panelNode, secret);
        var process = (await ConfigurationAsync(node, server.Uuid.ToString())).GetProperty("process_configuration");
        Assert.Equal(("signal", "^C"), Stop(process));
        Assert.Equal(["config.yml", "extra.properties"], process.GetProperty("configs").EnumerateArray().Select(c => c.GetProperty("file").GetString()));
        // The child's own variable fills the inherited file.
        Assert.Equal("8", Replacements(process.GetProperty("configs")[0]).Single(r => r.Match == "player_limit").With);
        using var script = JsonDocument.Parse(await node.GetStringAsync($"/api/remote/servers/{server.Uuid}/install"));
        Assert.Equal("ghcr.io/example/installer:debian", script.RootElement.GetProperty("container_image").GetString());
        Assert.Equal("bash", script.RootElement.GetProperty("entrypoint").GetString());
        Assert.Contains("installed.txt", script.RootElement.GetProperty("script").GetString(), StringComparison.Ordinal);
    }

    internal static HttpClient NodeClient(PanelNode node, string secret, PanelFixture fixture)
    {
        var client = fixture.Panel.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"{node.TokenId}.{secret}");
        return client;
    }

    private HttpClient NodeClient(PanelNode node, string secret) => NodeClient(node, secret, Fixture);

    private static async Task<JsonElement> ConfigurationAsync(HttpClient node, string uuid)
    {
        using var response = await node.GetAsync($"/api/remote/servers/{uuid}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> ListedAsync(HttpClient node, string uuid)
    {
        for (var page = 1; ; page++)
        {
            var body = await node.GetFromJsonAsync<JsonElement>($"/api/remote/servers?page={page}&per_page=50");
            foreach (var entry in body.GetProperty("data").EnumerateArray())
            {
                if (entry.GetProperty("uuid").GetString() == uuid)
                {
                    return entry;
                }
            }
            Assert.True(page < body.GetProperty("meta").GetProperty("last_page").GetInt32(), $"server {uuid} is not in the node's listing");
        }
    }

    private Task<string> LocationShortAsync(int nodeId) => Fixture.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PanelDb>();
        var node = await db.Nodes.AsNoTracking().SingleAsync(n => n.Id == nodeId);
        return node.LocationId is { } l ? (await db.Locations.AsNoTracking().SingleAsync(x => x.Id == l)).Short : "";
    });

    private static (string?, string?) Stop(JsonElement process) =>
        (process.GetProperty("stop").GetProperty("type").GetString(), process.GetProperty("stop").GetProperty("value").GetString());

    private static Dictionary<string, string?> Strings(JsonElement o) => o.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());

    private static List<(string Match, string? With, string? IfValue)> Replacements(JsonElement file) =>
        file.GetProperty("replace").EnumerateArray().Select(r => (
            r.GetProperty("match").GetString()!,
            r.GetProperty("replace_with").ValueKind == JsonValueKind.String ? r.GetProperty("replace_with").GetString() : r.GetProperty("replace_with").GetRawText(),
            r.TryGetProperty("if_value", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null)).ToList();
}

public sealed class EggServerConfigurationSqliteTests(SqlitePanelFixture f) : EggServerConfigurationTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class EggServerConfigurationPostgresTests(PostgresPanelFixture f) : EggServerConfigurationTests(f), IClassFixture<PostgresPanelFixture>;
