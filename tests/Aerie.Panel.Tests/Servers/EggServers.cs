using System.Globalization;
using System.Text.Json.Nodes;
using Aerie.Panel.Allocations;
using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Aerie.Panel.Eggs.Transfer;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Servers;

/// <summary>Eggs imported the way an administrator imports them, and servers made from them straight in the database.</summary>
internal static class EggServers
{
    private static int nextPort = 46000;

    /// <summary>A local egg written for these tests (no real game): a proxy-like YAML config with an indexed path, a
    /// conditional regex rewrite, both placeholder vocabularies, a properties file that must not be created, entries
    /// that are skipped, a list of done markers and the <c>^^C</c> stop.</summary>
    public static string ProxyEgg()
    {
        var files = new JsonObject
        {
            ["config.yml"] = new JsonObject
            {
                ["parser"] = "yaml",
                ["find"] = new JsonObject
                {
                    ["listeners[0].host"] = "0.0.0.0:{{server.build.default.port}}",
                    ["servers.*.address"] = new JsonObject { ["regex:^(127\\.0\\.0\\.1|localhost)(:\\d+)?$"] = "{{config.docker.interface}}$2" },
                    ["player_limit"] = "{{server.build.env.MAX_PLAYERS}}",
                    ["motd"] = "{{env.MOTD}} on {{server.environment.NOT_A_VARIABLE}}|{{nonsense.key}}|{{config.token}}",
                    ["online_mode"] = true,
                    ["memory"] = "{{server.build.memory}}",
                },
            },
            ["notes.txt"] = "not an object",
            ["empty.json"] = new JsonObject { ["parser"] = "json" },
            ["extra.properties"] = new JsonObject
            {
                ["parser"] = "properties",
                ["create_file"] = false,
                ["find"] = new JsonObject
                {
                    ["ip"] = "{{server.build.default.ip}}",
                    ["legacy"] = "{{server.build.env.SERVER_PORT}}|{{env.SERVER_IP}}|{{server.build.env.SERVER_MEMORY}}",
                    ["uuid"] = "{{server.uuid}}",
                    ["jar"] = "{{server.build.environment.PROXY_JAR}}",
                    ["image"] = "{{server.build.image}}",
                    ["ports"] = "{{server.build.ports}}",
                },
            },
        };
        var egg = new JsonObject
        {
            ["meta"] = new JsonObject { ["version"] = "PTDL_v2", ["update_url"] = null },
            ["name"] = "Proxy test egg",
            ["author"] = "tests@aerie.test",
            ["description"] = "Written for the panel tests.",
            ["docker_images"] = new JsonObject { ["Java 21"] = "ghcr.io/example/java:21", ["Java 17"] = "ghcr.io/example/java:17" },
            ["file_denylist"] = new JsonArray(),
            ["startup"] = "java -Xmx{{SERVER_MEMORY}}M -jar {{PROXY_JAR}}",
            ["config"] = new JsonObject
            {
                ["files"] = files.ToJsonString(),
                ["startup"] = """{"done":["Listening on ","regex:^Ready"],"strip_ansi":true}""",
                ["logs"] = "{}",
                ["stop"] = "^^C",
            },
            ["scripts"] = new JsonObject
            {
                ["installation"] = new JsonObject
                {
                    ["script"] = "#!/bin/bash\r\necho installed > /mnt/server/installed.txt\r\n",
                    ["container"] = "ghcr.io/example/installer:debian",
                    ["entrypoint"] = "bash",
                },
            },
            ["variables"] = new JsonArray(
                Variable("Proxy jar", "PROXY_JAR", "proxy.jar", "required|string|max:40"),
                Variable("Max players", "MAX_PLAYERS", "20", "required|integer|between:1,500"),
                Variable("Message", "MOTD", "Hello", "nullable|string|max:80")),
        };
        return egg.ToJsonString();
    }

    private static JsonObject Variable(string name, string env, string value, string rules) => new()
    {
        ["name"] = name,
        ["description"] = name + ".",
        ["env_variable"] = env,
        ["default_value"] = value,
        ["user_viewable"] = true,
        ["user_editable"] = true,
        ["rules"] = rules,
        ["field_type"] = "text",
    };

    /// <summary>Imports <paramref name="text"/> into a new nest, as the import route does.</summary>
    public static Task<Egg> ImportAsync(PanelFixture fixture, string text, string fileName) => fixture.WithScopeAsync(async sp =>
    {
        var nest = await sp.GetRequiredService<EggCatalog>().CreateNestAsync(PanelFixture.Unique("nest"), null, "tests@aerie.test", CancellationToken.None);
        return (await sp.GetRequiredService<EggTransfer>().ImportAsync(nest.Id, EggImporter.Import(text, fileName), CancellationToken.None)).Egg;
    });

    /// <summary>A free allocation on <paramref name="nodeId"/> (a port no other test uses).</summary>
    public static Task<Allocation> AllocationAsync(PanelFixture fixture, int nodeId, string ip = "10.0.0.7") => fixture.WithScopeAsync(async sp =>
    {
        var port = Interlocked.Increment(ref nextPort);
        await sp.GetRequiredService<AllocationService>().CreateAsync(nodeId, ip, [port.ToString(CultureInfo.InvariantCulture)], null, CancellationToken.None);
        return await sp.GetRequiredService<PanelDb>().Allocations.AsNoTracking().SingleAsync(a => a.NodeId == nodeId && a.Ip == ip && a.Port == port);
    });

    /// <summary>
    /// A server from <paramref name="egg"/> on <paramref name="nodeId"/> written without asking the node (which may not
    /// exist): status installing, the egg's first image and startup, <paramref name="values"/> stored for the variables
    /// they name (the others have no row, so they take the egg default), the allocation as primary.
    /// </summary>
    public static Task<GameServer> CreateAsync(PanelFixture fixture, Egg egg, int nodeId, Allocation? primary, Dictionary<string, string>? values = null) =>
        fixture.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            var (owner, _) = await fixture.CreateUserAsync();
            var image = (JsonNode.Parse(egg.DockerImagesJson) as JsonObject)!.First().Value!.GetValue<string>();
            var uuid = Guid.NewGuid();
            var now = DateTimeOffset.UtcNow;
            var server = new GameServer
            {
                Uuid = uuid,
                Identifier = uuid.ToString("N")[..8],
                Name = PanelFixture.Unique("srv"),
                OwnerId = owner.Id,
                NodeId = nodeId,
                EggId = egg.Id,
                Status = "installing",
                Invocation = egg.Startup,
                Image = image,
                MemoryMb = 1536,
                DiskMb = 4096,
                CpuPercent = 150,
                AllocationLimit = 3,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Servers.Add(server);
            await db.SaveChangesAsync();
            if (primary is not null)
            {
                await db.Allocations.Where(a => a.Id == primary.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.ServerId, server.Id));
                server.AllocationId = primary.Id;
            }
            foreach (var v in await db.EggVariables.AsNoTracking().Where(v => v.EggId == egg.Id).ToListAsync())
            {
                if (values?.TryGetValue(v.EnvVariable, out var value) == true)
                {
                    db.ServerVariables.Add(new ServerVariable { ServerId = server.Id, VariableId = v.Id, Value = value });
                }
            }
            await db.SaveChangesAsync();
            return server;
        });
}
