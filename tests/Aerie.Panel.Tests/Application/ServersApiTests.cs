using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aerie.Panel.Allocations;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Aerie.Panel.Nodes;
using Aerie.Panel.Servers;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Application;

/// <summary>Contract tests of <c>/api/application/servers</c> (spec 04 §3.5): shapes, the r_servers mask, the error answers.</summary>
public abstract class ServersApiTests(PanelFixture fixture)
{
    private const string NotFoundText = "The requested resource could not be found on the server.";
    private static int nextPort = 42000;

    protected PanelFixture Fixture { get; } = fixture;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Create_DefaultAllocation_201_ServerShape_ThenReadByIdExternalAndList()
    {
        using var admin = await AdminAsync();
        var (owner, _) = await Fixture.CreateUserAsync();
        var egg = await NewEggAsync();
        var allocation = await NewAllocationAsync(Fixture.PanelNode);
        var external = PanelFixture.Unique("ext");
        var body = Body(owner.Id, egg.Id, allocation);
        body["external_id"] = external;
        body["limits"]!["memory"] = "1024"; // Laravel typing: numeric strings are numbers
        body["environment"] = new JsonObject { ["VERSION"] = "1.21", ["NOT_A_VARIABLE"] = "ignored" };
        using var created = await admin.PostAsync("/api/application/servers", Json(body));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var document = await JsonAsync(created);
        Assert.Equal("server", document.GetProperty("object").GetString());
        var a = document.GetProperty("attributes");
        var id = a.GetProperty("id").GetInt32();
        var uuid = a.GetProperty("uuid").GetString()!;
        Assert.Equal(uuid.Replace("-", "", StringComparison.Ordinal)[..8], a.GetProperty("identifier").GetString());
        Assert.Equal((external, "installing", false), (a.GetProperty("external_id").GetString(), a.GetProperty("status").GetString(), a.GetProperty("suspended").GetBoolean()));
        Assert.Equal((owner.Id, Fixture.PanelNode.Id, allocation, egg.NestId, egg.Id),
            (a.GetProperty("user").GetInt32(), a.GetProperty("node").GetInt32(), a.GetProperty("allocation").GetInt32(), a.GetProperty("nest").GetInt32(), a.GetProperty("egg").GetInt32()));
        var limits = a.GetProperty("limits");
        Assert.Equal((1024, 0, 2048, 500, 100, true), (limits.GetProperty("memory").GetInt32(), limits.GetProperty("swap").GetInt32(), limits.GetProperty("disk").GetInt32(),
            limits.GetProperty("io").GetInt32(), limits.GetProperty("cpu").GetInt32(), limits.GetProperty("oom_disabled").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, limits.GetProperty("threads").ValueKind);
        Assert.Equal((0, 1), (a.GetProperty("feature_limits").GetProperty("databases").GetInt32(), a.GetProperty("feature_limits").GetProperty("backups").GetInt32()));
        var container = a.GetProperty("container");
        Assert.Equal(("java -jar {{JAR}}", "ghcr.io/example/java:21", 0), (container.GetProperty("startup_command").GetString(), container.GetProperty("image").GetString(), container.GetProperty("installed").GetInt32()));
        var env = container.GetProperty("environment");
        Assert.Equal(("1.21", "paper", uuid), (env.GetProperty("VERSION").GetString(), env.GetProperty("FLAVOUR").GetString(), env.GetProperty("P_SERVER_UUID").GetString()));
        Assert.Equal("java -jar {{JAR}}", env.GetProperty("STARTUP").GetString());
        Assert.True(env.TryGetProperty("P_SERVER_LOCATION", out _) && env.TryGetProperty("P_SERVER_ALLOCATION_LIMIT", out _));
        Assert.False(env.TryGetProperty("NOT_A_VARIABLE", out _));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", a.GetProperty("created_at").GetString()!);
        Assert.EndsWith($"/api/application/servers/{id}", document.GetProperty("meta").GetProperty("resource").GetString(), StringComparison.Ordinal);
        // The node was told before the answer.
        await Fixture.Node.WaitForCallAsync(c => c.Method == "POST" && c.Path == "/api/servers" && c.Body.Contains(uuid, StringComparison.Ordinal), Wait);

        var all = string.Join(',', "allocations", "user", "subusers", "nest", "egg", "variables", "location", "node", "databases", "transfer", "nonsense");
        var full = (await JsonAsync(await admin.GetAsync($"/api/application/servers/{id}?include={all}"))).GetProperty("attributes").GetProperty("relationships");
        Assert.Equal(allocation, Assert.Single(full.GetProperty("allocations").GetProperty("data").EnumerateArray()).GetProperty("attributes").GetProperty("id").GetInt32());
        Assert.Equal(("user", owner.Username), (full.GetProperty("user").GetProperty("object").GetString(), full.GetProperty("user").GetProperty("attributes").GetProperty("username").GetString()));
        Assert.Equal("list", full.GetProperty("subusers").GetProperty("object").GetString());
        Assert.Equal(("nest", egg.NestId), (full.GetProperty("nest").GetProperty("object").GetString(), full.GetProperty("nest").GetProperty("attributes").GetProperty("id").GetInt32()));
        Assert.Equal(("egg", egg.Id), (full.GetProperty("egg").GetProperty("object").GetString(), full.GetProperty("egg").GetProperty("attributes").GetProperty("id").GetInt32()));
        var variables = full.GetProperty("variables").GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, variables.Count);
        Assert.All(variables, v => Assert.Equal("server_variable", v.GetProperty("object").GetString()));
        Assert.Equal(("VERSION", "1.21"), (variables[0].GetProperty("attributes").GetProperty("env_variable").GetString(), variables[0].GetProperty("attributes").GetProperty("server_value").GetString()));
        Assert.Equal(("location", "node"), (full.GetProperty("location").GetProperty("object").GetString(), full.GetProperty("node").GetProperty("object").GetString()));
        Assert.Equal(0, full.GetProperty("databases").GetProperty("data").GetArrayLength());
        Assert.Equal("null_resource", full.GetProperty("transfer").GetProperty("object").GetString());
        Assert.False(full.TryGetProperty("nonsense", out _));

        Assert.Equal(id, (await JsonAsync(await admin.GetAsync($"/api/application/servers/external/{external}"))).GetProperty("attributes").GetProperty("id").GetInt32());
        await ApiErrorAssert.AssertAsync(await admin.GetAsync($"/api/application/servers/external/{external}x"), 404, NotFoundText);
        await ApiErrorAssert.AssertAsync(await admin.GetAsync("/api/application/servers/99999999"), 404, NotFoundText);
        await ApiErrorAssert.AssertAsync(await admin.GetAsync("/api/application/servers/abc"), 404, null);

        foreach (var filter in new[] { $"external_id]={external}", $"externalId]={external}", $"uuidShort]={uuid[..8]}", $"identifier]={uuid[..8]}",
            $"uuid]={uuid.Substring(9, 9).ToUpperInvariant()}", $"image]=example/java", $"name]={a.GetProperty("name").GetString()}" })
        {
            var list = await JsonAsync(await admin.GetAsync("/api/application/servers?filter[" + filter));
            Assert.True(list.GetProperty("data").GetArrayLength() == 1 || filter.StartsWith("image", StringComparison.Ordinal), filter);
            Assert.Contains(list.GetProperty("data").EnumerateArray(), s => s.GetProperty("attributes").GetProperty("id").GetInt32() == id);
        }
        var page = await JsonAsync(await admin.GetAsync("/api/application/servers?sort=-id&per_page=1&include=egg"));
        Assert.Equal("list", page.GetProperty("object").GetString());
        var pagination = page.GetProperty("meta").GetProperty("pagination");
        Assert.Equal((1, 1), (pagination.GetProperty("per_page").GetInt32(), pagination.GetProperty("count").GetInt32()));
        Assert.Equal(id, page.GetProperty("data")[0].GetProperty("attributes").GetProperty("id").GetInt32()); // newest first
        Assert.Equal("egg", page.GetProperty("data")[0].GetProperty("attributes").GetProperty("relationships").GetProperty("egg").GetProperty("object").GetString());
        await ApiErrorAssert.AssertAsync(await admin.GetAsync("/api/application/servers?filter[owner]=x"), 400, null, "InvalidFilterQuery");
        await ApiErrorAssert.AssertAsync(await admin.GetAsync("/api/application/servers?sort=name"), 400, null, "InvalidSortQuery");
    }

    [Fact]
    public async Task Get_RawCommandServer_HasNullNestAndEgg()
    {
        using var admin = await AdminAsync();
        var server = await Fixture.CreateServerAsync((await Fixture.CreateUserAsync()).User);
        var a = (await JsonAsync(await admin.GetAsync($"/api/application/servers/{server.Id}?include=nest,egg,variables"))).GetProperty("attributes");
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (a.GetProperty("nest").ValueKind, a.GetProperty("egg").ValueKind));
        Assert.Equal("25565", a.GetProperty("container").GetProperty("environment").GetProperty("PORT").GetString());
        var r = a.GetProperty("relationships");
        Assert.Equal(("null_resource", "null_resource"), (r.GetProperty("nest").GetProperty("object").GetString(), r.GetProperty("egg").GetProperty("object").GetString()));
        Assert.Equal(0, r.GetProperty("variables").GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Create_Deploy_PicksAnAllocation_AndAnEmptyDeployUsesTheChosenOne()
    {
        using var admin = await AdminAsync();
        var (owner, _) = await Fixture.CreateUserAsync();
        var egg = await NewEggAsync();
        var port = Interlocked.Add(ref nextPort, 10);
        await Scope(sp => sp.GetRequiredService<AllocationService>().CreateAsync(Fixture.PanelNode.Id, "10.7.0.1", [$"{port}-{port + 3}"], null, CancellationToken.None));
        var body = Body(owner.Id, egg.Id, null);
        body["deploy"] = new JsonObject { ["locations"] = new JsonArray(Fixture.PanelNode.LocationId!.Value), ["dedicated_ip"] = "0", ["port_range"] = new JsonArray($"{port + 2}-{port + 3}") };
        body["allocation"] = new JsonObject { ["default"] = 1 }; // nodeactyl sends both; deploy wins
        var deployed = (await JsonAsync(await admin.PostAsync("/api/application/servers", Json(body)))).GetProperty("attributes");
        var picked = await Scope(sp => sp.GetRequiredService<PanelDb>().Allocations.AsNoTracking().SingleAsync(x => x.Id == deployed.GetProperty("allocation").GetInt32()));
        Assert.InRange(picked.Port, port + 2, port + 3);

        var chosen = await NewAllocationAsync(Fixture.PanelNode);
        var pterojs = Body(owner.Id, egg.Id, chosen);
        pterojs["deploy"] = new JsonObject { ["locations"] = new JsonArray(), ["dedicated_ip"] = false, ["port_range"] = new JsonArray() };
        using var created = await admin.PostAsync("/api/application/servers", Json(pterojs));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(chosen, (await JsonAsync(created)).GetProperty("attributes").GetProperty("allocation").GetInt32());
    }

    [Fact]
    public async Task Create_Refusals_AnswerSpecErrors_AndLeaveNoRowNoAllocationNoQueuedCall()
    {
        using var admin = await AdminAsync();
        var (owner, _) = await Fixture.CreateUserAsync();
        var egg = await NewEggAsync();
        var free = await NewAllocationAsync(Fixture.PanelNode);
        var taken = await NewAllocationAsync(Fixture.PanelNode);
        var existing = PanelFixture.Unique("ext");
        var first = Body(owner.Id, egg.Id, taken);
        first["external_id"] = existing;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/application/servers", Json(first))).StatusCode);
        var (otherNode, _) = await Fixture.CreateNodeAsync("http://127.0.0.1:1");
        var foreign = await NewAllocationAsync(otherNode);
        var before = await CountsAsync();

        var missing = await ApiErrorAssert.AssertValidationAsync(await admin.PostAsync("/api/application/servers", Json(new JsonObject())));
        foreach (var field in new[] { "name", "user", "egg", "docker_image", "startup", "environment", "limits", "feature_limits", "allocation.default" })
        {
            Assert.Contains((field, "required"), missing);
        }
        Assert.Contains(("limits.memory", "required"), missing);
        Assert.Contains(("feature_limits.databases", "present"), missing);

        async Task<IReadOnlyList<(string, string)>> RefusedAsync(Action<JsonObject> change)
        {
            var body = Body(owner.Id, egg.Id, free);
            change(body);
            return await ApiErrorAssert.AssertValidationAsync(await admin.PostAsync("/api/application/servers", Json(body)));
        }
        Assert.Contains(("limits.memory", "integer"), await RefusedAsync(b => b["limits"]!["memory"] = "lots"));
        Assert.Contains(("limits.io", "min"), await RefusedAsync(b => b["limits"]!["io"] = 5));
        Assert.Contains(("limits.threads", "regex"), await RefusedAsync(b => b["limits"]!["threads"] = "0-1;rm"));
        Assert.Contains(("skip_scripts", "boolean"), await RefusedAsync(b => b["skip_scripts"] = "maybe"));
        Assert.Contains(("docker_image", "regex"), await RefusedAsync(b => b["docker_image"] = "bad$image"));
        Assert.Contains(("environment", "array"), await RefusedAsync(b => b["environment"] = "VERSION=1"));
        Assert.Contains(("user", "exists"), await RefusedAsync(b => b["user"] = 99_999_999));
        Assert.Contains(("egg", "exists"), await RefusedAsync(b => b["egg"] = 99_999_999));
        Assert.Contains(("external_id", "unique"), await RefusedAsync(b => b["external_id"] = existing));
        Assert.Contains(("environment.FLAVOUR", "in"), await RefusedAsync(b => b["environment"] = new JsonObject { ["VERSION"] = "1", ["FLAVOUR"] = "forge" }));
        Assert.Contains(("environment.VERSION", "required"), await RefusedAsync(b => b["environment"] = new JsonObject { ["VERSION"] = "" }));
        Assert.Contains(("allocation.default", "exists"), await RefusedAsync(b => b["allocation"] = new JsonObject { ["default"] = taken }));
        Assert.Contains(("allocation.additional.0", "exists"), await RefusedAsync(b => b["allocation"] = new JsonObject { ["default"] = free, ["additional"] = new JsonArray(foreign) }));
        Assert.Contains(("deploy.locations.0", "min"), await RefusedAsync(b => b["deploy"] = new JsonObject { ["locations"] = new JsonArray(0), ["dedicated_ip"] = false, ["port_range"] = new JsonArray() }));
        Assert.Contains(("deploy.dedicated_ip", "required"), await RefusedAsync(b => b["deploy"] = new JsonObject { ["locations"] = new JsonArray(1) }));

        var noNode = Body(owner.Id, egg.Id, free);
        noNode["deploy"] = new JsonObject { ["locations"] = new JsonArray(99_999_999), ["dedicated_ip"] = false, ["port_range"] = new JsonArray() };
        await ApiErrorAssert.AssertAsync(await admin.PostAsync("/api/application/servers", Json(noNode)), 400, Deployment.NoNodeText, "NoViableNodeException");
        noNode["deploy"] = new JsonObject { ["locations"] = new JsonArray(Fixture.PanelNode.LocationId!.Value), ["dedicated_ip"] = false, ["port_range"] = new JsonArray("1100") };
        await ApiErrorAssert.AssertAsync(await admin.PostAsync("/api/application/servers", Json(noNode)), 400, Deployment.NoAllocationText, "NoViableAllocationException");
        using var malformed = new StringContent("{\"name\":", Encoding.UTF8, "application/json");
        var errors = await ApiErrorAssert.AssertAsync(await admin.PostAsync("/api/application/servers", malformed), 400, null, "BadRequestHttpException");
        Assert.StartsWith("The JSON data passed in the request appears to be malformed: ", errors[0].GetProperty("detail").GetString(), StringComparison.Ordinal);

        await AssertUnchangedAsync(before);
        Assert.Null((await Scope(sp => sp.GetRequiredService<PanelDb>().Allocations.AsNoTracking().SingleAsync(x => x.Id == free))).ServerId);
    }

    [Fact]
    public async Task Create_NodeFails_AnswersTheNodeError_AndLeavesNothing()
    {
        using var admin = await AdminAsync();
        await using var broken = await FaultyNodeStandIn.StartAsync(NodeFault.ServerError);
        var (node, _) = await Fixture.CreateNodeAsync(broken.Url);
        var allocation = await NewAllocationAsync(node);
        var before = await CountsAsync();
        await ApiErrorAssert.AssertAsync(await admin.PostAsync("/api/application/servers", Json(Body((await Fixture.CreateUserAsync()).User.Id, (await NewEggAsync()).Id, allocation))), 500, null);
        await AssertUnchangedAsync(before);
        Assert.Null((await Scope(sp => sp.GetRequiredService<PanelDb>().Allocations.AsNoTracking().SingleAsync(x => x.Id == allocation))).ServerId);
    }

    [Fact]
    public async Task Details_Build_Startup_Update_AndTheirRefusals()
    {
        using var admin = await AdminAsync();
        var (owner, _) = await Fixture.CreateUserAsync();
        var (next, _) = await Fixture.CreateUserAsync();
        var egg = await NewEggAsync();
        var primary = await NewAllocationAsync(Fixture.PanelNode);
        var (id, uuid) = await CreateAsync(admin, Body(owner.Id, egg.Id, primary));
        var path = $"/api/application/servers/{id}";

        var details = (await JsonAsync(await admin.PatchAsJsonAsync($"{path}/details", new { name = "Renamed", user = next.Id, external_id = "bill-1" + id, description = "d" }))).GetProperty("attributes");
        Assert.Equal(("Renamed", next.Id, "bill-1" + id, "d"), (details.GetProperty("name").GetString(), details.GetProperty("user").GetInt32(), details.GetProperty("external_id").GetString(), details.GetProperty("description").GetString()));
        // The previous owner's consoles are revoked (spec 01).
        await Fixture.Node.WaitForCallAsync(c => c.Path == "/api/deauthorize-user" && c.Body.Contains(owner.Uuid.ToString(), StringComparison.Ordinal), Wait);
        var detailFields = await ApiErrorAssert.AssertValidationAsync(await admin.PatchAsJsonAsync($"{path}/details", new { description = "only" }));
        Assert.Contains(("name", "required"), detailFields);
        Assert.Contains(("user", "required"), detailFields);
        Assert.Contains(("user", "exists"), await ApiErrorAssert.AssertValidationAsync(await admin.PatchAsJsonAsync($"{path}/details", new { name = "x", user = 99_999_999 })));

        var added = await NewAllocationAsync(Fixture.PanelNode);
        var features = new { databases = 1, allocations = 3, backups = 2 };
        var build = (await JsonAsync(await admin.PatchAsJsonAsync($"{path}/build",
            new { allocation = added, memory = "2048", swap = -1, disk = 4096, io = 600, cpu = 200, threads = "0-1", feature_limits = features, add_allocations = new[] { added } }))).GetProperty("attributes");
        Assert.Equal((added, 2048, -1, "0-1"), (build.GetProperty("allocation").GetInt32(), build.GetProperty("limits").GetProperty("memory").GetInt32(), build.GetProperty("limits").GetProperty("swap").GetInt32(), build.GetProperty("limits").GetProperty("threads").GetString()));
        Assert.Equal(3, build.GetProperty("feature_limits").GetProperty("allocations").GetInt32());
        // pterojs nests the limits.
        var nested = (await JsonAsync(await admin.PatchAsJsonAsync($"{path}/build",
            new { allocation = added, limits = new { memory = 512, swap = 0, disk = 1024, io = 500, cpu = 50, oom_disabled = false }, feature_limits = features, remove_allocations = new[] { primary } }))).GetProperty("attributes");
        Assert.Equal((512, false), (nested.GetProperty("limits").GetProperty("memory").GetInt32(), nested.GetProperty("limits").GetProperty("oom_disabled").GetBoolean()));
        Assert.Null((await Scope(sp => sp.GetRequiredService<PanelDb>().Allocations.AsNoTracking().SingleAsync(x => x.Id == primary))).ServerId);
        await Fixture.Node.WaitForCallAsync(c => c.Path == $"/api/servers/{uuid}/sync", Wait); // told through the outbox
        await ApiErrorAssert.AssertAsync(await admin.PatchAsJsonAsync($"{path}/build",
            new { allocation = primary, memory = 1, swap = 0, disk = 1, io = 500, cpu = 0, feature_limits = features }), 400, ServerService.DefaultNotAssignedText);
        await ApiErrorAssert.AssertAsync(await admin.PatchAsJsonAsync($"{path}/build",
            new { allocation = added, memory = 1, swap = 0, disk = 1, io = 500, cpu = 0, feature_limits = features, remove_allocations = new[] { added } }), 400, ServerService.PrimaryRemovedText);
        var buildFields = await ApiErrorAssert.AssertValidationAsync(await admin.PatchAsJsonAsync($"{path}/build", new { allocation = added, limits = new { memory = 1 } }));
        Assert.Contains(("limits.disk", "required"), buildFields);
        Assert.Contains(("feature_limits", "required"), buildFields);

        var startup = (await JsonAsync(await admin.PatchAsJsonAsync($"{path}/startup",
            new { startup = "java -Xmx1G -jar {{JAR}}", environment = Env(("FLAVOUR", "vanilla")), egg = egg.Id, image = "ghcr.io/example/java:17", skip_scripts = false }))).GetProperty("attributes");
        var env = startup.GetProperty("container").GetProperty("environment");
        // Omitted VERSION keeps its value (beyond Pterodactyl, #4129).
        Assert.Equal(("1.21", "vanilla", "ghcr.io/example/java:17"), (env.GetProperty("VERSION").GetString(), env.GetProperty("FLAVOUR").GetString(), startup.GetProperty("container").GetProperty("image").GetString()));
        var otherEgg = await NewEggAsync(variable: "MODPACK");
        var switched = (await JsonAsync(await admin.PatchAsJsonAsync($"{path}/startup",
            new { startup = "run", environment = Env(("MODPACK", "rlcraft")), egg = otherEgg.Id, image = "img", skip_scripts = "1" }))).GetProperty("attributes");
        Assert.Equal((otherEgg.Id, "rlcraft"), (switched.GetProperty("egg").GetInt32(), switched.GetProperty("container").GetProperty("environment").GetProperty("MODPACK").GetString()));
        Assert.False(switched.GetProperty("container").GetProperty("environment").TryGetProperty("VERSION", out _));
        var startupFields = await ApiErrorAssert.AssertValidationAsync(await admin.PatchAsJsonAsync($"{path}/startup", new { egg = otherEgg.Id }));
        Assert.Contains(("startup", "required"), startupFields);
        Assert.Contains(("image", "required"), startupFields);
        Assert.Contains(("environment", "present"), startupFields);
        Assert.Contains(("skip_scripts", "present"), startupFields);
        Assert.Contains(("environment.FLAVOUR", "in"), await ApiErrorAssert.AssertValidationAsync(await admin.PatchAsJsonAsync($"{path}/startup",
            new { startup = "run", environment = Env(("VERSION", "1"), ("FLAVOUR", "forge")), egg = egg.Id, image = "img", skip_scripts = false })));
        Assert.Contains(("egg", "exists"), await ApiErrorAssert.AssertValidationAsync(await admin.PatchAsJsonAsync($"{path}/startup",
            new { startup = "run", environment = new { }, egg = 99_999_999, image = "img", skip_scripts = false })));
        await ApiErrorAssert.AssertAsync(await admin.PatchAsJsonAsync("/api/application/servers/99999999/details", new { name = "x", user = owner.Id }), 404, NotFoundText);
    }

    [Fact]
    public async Task Suspend_Unsuspend_Reinstall_Delete_OnTheLiveNode()
    {
        using var admin = await AdminAsync();
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        var path = $"/api/application/servers/{server.Id}";
        using (var suspend = await admin.PostAsync($"{path}/suspend", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, suspend.StatusCode);
        }
        // Synced before the answer: the node already holds it suspended.
        Assert.True(Fixture.Node.ServerOf(server.Uuid).IsSuspended);
        var suspended = (await JsonAsync(await admin.GetAsync(path))).GetProperty("attributes");
        Assert.True(suspended.GetProperty("suspended").GetBoolean());
        Assert.Equal("suspended", suspended.GetProperty("status").GetString()); // Pterodactyl's status while suspended (nodeactyl reads it)
        await Fixture.Node.WaitForCallAsync(c => c.Path == "/api/deauthorize-user" && c.Body.Contains(owner.Uuid.ToString(), StringComparison.Ordinal), Wait);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"{path}/suspend", null)).StatusCode); // no-op
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"{path}/unsuspend", null)).StatusCode);
        Assert.False(Fixture.Node.ServerOf(server.Uuid).IsSuspended);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"{path}/reinstall", null)).StatusCode);
        await Fixture.Node.WaitForCallAsync(c => c.Path == $"/api/servers/{server.Uuid}/reinstall", Wait);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(path)).StatusCode);
        Assert.False(Fixture.Node.Knows(server.Uuid)); // asked first, before the answer
        await ApiErrorAssert.AssertAsync(await admin.GetAsync(path), 404, NotFoundText);
        await ApiErrorAssert.AssertAsync(await admin.PostAsync($"{path}/suspend", null), 404, NotFoundText);

        // A node that no longer has the server (404) does not stop the delete.
        var forgotten = await Fixture.CreateServerAsync(owner, onNode: false);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/application/servers/{forgotten.Id}")).StatusCode);
        Assert.False(await Scope(sp => sp.GetRequiredService<PanelDb>().Servers.AnyAsync(s => s.Id == forgotten.Id)));
    }

    [Fact]
    public async Task NodeDown_SuspendRollsBack_ReinstallAndDeleteAbort_ForceDeletes()
    {
        using var admin = await AdminAsync();
        await using var down = await FaultyNodeStandIn.StartAsync(NodeFault.Down);
        var (node, _) = await Fixture.CreateNodeAsync(down.Url);
        var server = await Fixture.CreateServerAsync((await Fixture.CreateUserAsync()).User, node.Id);
        var path = $"/api/application/servers/{server.Id}";
        await ApiErrorAssert.AssertAsync(await admin.PostAsync($"{path}/suspend", null), 504, NodeClient.UnreachableText);
        Assert.False((await JsonAsync(await admin.GetAsync(path))).GetProperty("attributes").GetProperty("suspended").GetBoolean());
        await ApiErrorAssert.AssertAsync(await admin.PostAsync($"{path}/reinstall", null), 504, NodeClient.UnreachableText);
        Assert.NotEqual("installing", (await JsonAsync(await admin.GetAsync(path))).GetProperty("attributes").GetProperty("status").GetString());
        await ApiErrorAssert.AssertAsync(await admin.DeleteAsync(path), 504, NodeClient.UnreachableText);
        await ApiErrorAssert.AssertAsync(await admin.DeleteAsync($"{path}/other"), 504, NodeClient.UnreachableText); // only "force" forces
        Assert.True(await Scope(sp => sp.GetRequiredService<PanelDb>().Servers.AnyAsync(s => s.Id == server.Id)));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{path}/force")).StatusCode);
        Assert.False(await Scope(sp => sp.GetRequiredService<PanelDb>().Servers.AnyAsync(s => s.Id == server.Id)));
        // The node's delete waits in the outbox until the node is back.
        Assert.True(await Scope(sp => sp.GetRequiredService<PanelDb>().Outbox.AnyAsync(m => m.NodeId == node.Id && m.Method == "DELETE" && m.Path == $"/api/servers/{server.Uuid}")));
    }

    [Fact]
    public async Task ApplicationKeys_ReadMaskReads_WriteNeedsTheWriteBit_NoMaskIsRefused()
    {
        var (root, _) = await Fixture.CreateUserAsync(admin: true);
        var server = await Fixture.CreateServerAsync((await Fixture.CreateUserAsync()).User);
        using var reader = await ApplicationKeyAsync(root, 1);
        using var none = await ApplicationKeyAsync(root, 0);
        using var writer = await ApplicationKeyAsync(root, 3);
        var path = $"/api/application/servers/{server.Id}";
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/application/servers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(path)).StatusCode);
        const string denied = "This action is unauthorized.";
        await ApiErrorAssert.AssertAsync(await reader.PostAsync("/api/application/servers", Json(new JsonObject())), 403, denied, "AccessDeniedHttpException");
        await ApiErrorAssert.AssertAsync(await reader.PatchAsJsonAsync($"{path}/details", new { name = "x", user = 1 }), 403, denied);
        await ApiErrorAssert.AssertAsync(await reader.PatchAsJsonAsync($"{path}/build", new { }), 403, denied);
        await ApiErrorAssert.AssertAsync(await reader.PatchAsJsonAsync($"{path}/startup", new { }), 403, denied);
        await ApiErrorAssert.AssertAsync(await reader.PostAsync($"{path}/suspend", null), 403, denied);
        await ApiErrorAssert.AssertAsync(await reader.PostAsync($"{path}/unsuspend", null), 403, denied);
        await ApiErrorAssert.AssertAsync(await reader.PostAsync($"{path}/reinstall", null), 403, denied);
        await ApiErrorAssert.AssertAsync(await reader.DeleteAsync(path), 403, denied);
        await ApiErrorAssert.AssertAsync(await reader.DeleteAsync($"{path}/force"), 403, denied);
        await ApiErrorAssert.AssertAsync(await none.GetAsync("/api/application/servers"), 403, denied);
        await ApiErrorAssert.AssertAsync(await none.GetAsync(path), 403, denied);
        await ApiErrorAssert.AssertAsync(await none.GetAsync("/api/application/servers/external/x"), 403, denied);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.PostAsync($"{path}/suspend", null)).StatusCode);
        Assert.True(await Scope(sp => sp.GetRequiredService<PanelDb>().Servers.AnyAsync(s => s.Id == server.Id && s.Suspended)));

        using var user = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync()).User));
        await ApiErrorAssert.AssertAsync(await user.GetAsync(path), 403, null);
        using var anonymous = Fixture.Panel.Client();
        await ApiErrorAssert.AssertAsync(await anonymous.GetAsync(path), 401, "Unauthenticated.");
    }

    private async Task<HttpClient> AdminAsync() => Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync(admin: true)).User));

    private async Task<HttpClient> ApplicationKeyAsync(PanelUser admin, int serversMask)
    {
        var (_, token) = await Scope(async sp =>
        {
            var u = await sp.GetRequiredService<PanelDb>().Users.FindAsync(admin.Id);
            return await sp.GetRequiredService<ApiKeyService>().CreateApplicationAsync(u!, "servers test",
                new Dictionary<ApplicationResource, int> { [ApplicationResource.Servers] = serversMask, [ApplicationResource.Users] = 3 }, null, CancellationToken.None);
        });
        return Fixture.ApiKeyClient(token);
    }

    private static async Task<(int Id, string Uuid)> CreateAsync(HttpClient admin, JsonObject body)
    {
        using var created = await admin.PostAsync("/api/application/servers", Json(body));
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, text);
        var a = JsonDocument.Parse(text).RootElement.GetProperty("attributes");
        return (a.GetProperty("id").GetInt32(), a.GetProperty("uuid").GetString()!);
    }

    private static JsonObject Body(int user, int egg, int? allocation)
    {
        var body = new JsonObject
        {
            ["name"] = PanelFixture.Unique("srv"),
            ["user"] = user,
            ["egg"] = egg,
            ["nest"] = 12345, // ignored (WHMCS sends it)
            ["docker_image"] = "ghcr.io/example/java:21",
            ["startup"] = "java -jar {{JAR}}",
            ["environment"] = new JsonObject { ["VERSION"] = "1.21" },
            ["limits"] = new JsonObject { ["memory"] = 1024, ["swap"] = 0, ["disk"] = 2048, ["io"] = 500, ["cpu"] = 100 },
            ["feature_limits"] = new JsonObject { ["databases"] = 0, ["backups"] = 1 },
            ["start_on_completion"] = false,
        };
        if (allocation is { } id)
        {
            body["allocation"] = new JsonObject { ["default"] = id };
        }
        return body;
    }

    // Not an anonymous object: PatchAsJsonAsync would camel-case the variable names.
    private static Dictionary<string, string> Env(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private Task<T> Scope<T>(Func<IServiceProvider, Task<T>> work) => Fixture.WithScopeAsync(work);

    /// <summary>
    /// Servers, the newest queued node call and taken allocations: what a refused create must not change. The
    /// outbox is compared by its newest row, not its size, because earlier rows drain meanwhile.
    /// </summary>
    private Task<(int Servers, long NewestCall, int Taken)> CountsAsync() => Scope(async sp =>
    {
        var db = sp.GetRequiredService<PanelDb>();
        return (await db.Servers.CountAsync(), await db.Outbox.Select(m => (long?)m.Id).MaxAsync() ?? 0, await db.Allocations.CountAsync(a => a.ServerId != null));
    });

    private async Task AssertUnchangedAsync((int Servers, long NewestCall, int Taken) before)
    {
        var after = await CountsAsync();
        Assert.Equal((before.Servers, before.Taken), (after.Servers, after.Taken));
        Assert.True(after.NewestCall <= before.NewestCall, "a refused create queued a node call");
    }

    private Task<Egg> NewEggAsync(string variable = "VERSION") => Scope(async sp =>
    {
        var catalog = sp.GetRequiredService<EggCatalog>();
        var nest = await catalog.CreateNestAsync(PanelFixture.Unique("nest"), null, "test@example.test", CancellationToken.None);
        return await catalog.CreateEggAsync(nest.Id, new Egg { Name = "Paper", Startup = "java -jar {{JAR}}", DockerImagesJson = """{"Java 21":"ghcr.io/example/java:21"}""" },
        [
            new EggVariable { Name = "Version", EnvVariable = variable, Rules = "required|string|max:20", DefaultValue = "" },
            new EggVariable { Name = "Flavour", EnvVariable = "FLAVOUR", Rules = "required|in:paper,vanilla", DefaultValue = "paper" },
        ], CancellationToken.None);
    });

    private Task<int> NewAllocationAsync(PanelNode node) => Scope(async sp =>
    {
        var port = Interlocked.Increment(ref nextPort);
        await sp.GetRequiredService<AllocationService>().CreateAsync(node.Id, "10.0.0.2", [port.ToString(CultureInfo.InvariantCulture)], null, CancellationToken.None);
        return await sp.GetRequiredService<PanelDb>().Allocations.Where(a => a.NodeId == node.Id && a.Ip == "10.0.0.2" && a.Port == port).Select(a => a.Id).SingleAsync();
    });
}

public sealed class ServersApiSqliteTests(SqlitePanelFixture f) : ServersApiTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ServersApiPostgresTests(PostgresPanelFixture f) : ServersApiTests(f), IClassFixture<PostgresPanelFixture>;
