using Aerie.Panel.Allocations;
using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Aerie.Panel.Http;
using Aerie.Panel.Locations;
using Aerie.Panel.Nodes;
using Aerie.Panel.Servers;
using Aerie.Panel.Tests.Infrastructure;
using Aerie.Panel.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Application;

/// <summary>The Application API's services on each database: locations, nodes, allocations, users and the server create flow.</summary>
public abstract class ApplicationServicesTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    private Task<T> Scope<T>(Func<IServiceProvider, Task<T>> work) => Fixture.WithScopeAsync(work);

    private static async Task<PanelProblem> RefusedAsync(Func<Task> work) => await Assert.ThrowsAsync<PanelProblem>(work);

    [Fact]
    public async Task Location_DuplicateShort_Is422_DeleteWithNodes_Is400()
    {
        var code = PanelFixture.Unique("loc");
        var location = await Scope(sp => sp.GetRequiredService<LocationService>().CreateAsync(code, "Frankfurt", CancellationToken.None));
        Assert.Equal(422, (await RefusedAsync(() => Scope(sp => sp.GetRequiredService<LocationService>().CreateAsync(code, null, CancellationToken.None)))).Status);
        await NewNodeAsync(location.Id);
        var refused = await RefusedAsync(() => Scope(async sp => { await sp.GetRequiredService<LocationService>().DeleteAsync(location.Id, CancellationToken.None); return 0; }));
        Assert.Equal((400, LocationService.HasNodesText), (refused.Status, refused.Message));
    }

    [Fact]
    public async Task Node_PterodactylFields_MapOntoPublicAddress_ResetSecretChangesToken()
    {
        var location = await NewLocationAsync();
        var node = await NewNodeAsync(location.Id, behindProxy: true);
        Assert.Equal(("https", 443, 8443), (node.PublicScheme, node.PublicPort, node.DaemonListen));
        Assert.Equal($"https://{node.PublicHost}:8443", node.InternalUrl);
        var replaced = await Scope(sp => sp.GetRequiredService<NodeService>().ReplaceAsync(node.Id,
            Details(node.Name, location.Id) with { Memory = 2048, Description = "kept" }, resetSecret: true, CancellationToken.None));
        Assert.NotEqual(node.TokenId, replaced.TokenId);
        Assert.Equal((2048L, "kept", 8443), (replaced.MemoryMb, replaced.Description, replaced.PublicPort));
        var missing = await RefusedAsync(() => Scope(sp => sp.GetRequiredService<NodeService>().CreateAsync(Details(PanelFixture.Unique("n"), 999_999), CancellationToken.None)));
        Assert.Equal(422, missing.Status);
    }

    [Fact]
    public async Task Allocations_CidrAndRange_SkipExisting_DeleteAssignedRefused()
    {
        var node = await NewNodeAsync((await NewLocationAsync()).Id);
        Assert.Equal(8, await Scope(sp => sp.GetRequiredService<AllocationService>().CreateAsync(node.Id, "10.1.0.0/30", ["25565-25566"], null, CancellationToken.None)));
        Assert.Equal(4, await Scope(sp => sp.GetRequiredService<AllocationService>().CreateAsync(node.Id, "10.1.0.0/30", ["25565-25567"], "game", CancellationToken.None)));
        var rows = await Scope(sp => sp.GetRequiredService<PanelDb>().Allocations.AsNoTracking().Where(a => a.NodeId == node.Id).ToListAsync());
        Assert.Equal(12, rows.Count);
        var live = await NewAllocationAsync(LiveNode);
        var (server, _) = await CreateServerAsync(LiveNode, live);
        var refused = await RefusedAsync(() => Scope(async sp => { await sp.GetRequiredService<AllocationService>().DeleteAsync(LiveNode.Id, live, CancellationToken.None); return 0; }));
        Assert.Equal((400, AllocationService.AssignedText), (refused.Status, refused.Message));
        Assert.Equal(404, (await RefusedAsync(() => Scope(async sp => { await sp.GetRequiredService<AllocationService>().DeleteAsync(Fixture.PanelNode.Id, rows[1].Id, CancellationToken.None); return 0; }))).Status);
        await Scope(async sp => { await sp.GetRequiredService<AllocationService>().DeleteAsync(node.Id, rows[1].Id, CancellationToken.None); return 0; });
        Assert.Equal(live, server.AllocationId);
    }

    [Fact]
    public async Task Users_CreateWithoutPassword_ExternalIdUnique_DeleteWithServers400()
    {
        var name = PanelFixture.Unique("Bill");
        var external = PanelFixture.Unique("ext");
        var user = await Scope(sp => sp.GetRequiredService<UserService>().CreateAsync(new UserDetails($"{name}@example.test", name, "Ada", "Lovelace", external), CancellationToken.None));
        Assert.Equal((name.ToLowerInvariant(), "Ada", "en", external), (user.Username, user.FirstName, user.Language, user.ExternalId));
        Assert.NotEmpty(user.PasswordHash);
        var other = PanelFixture.Unique("b");
        var duplicate = await RefusedAsync(() => Scope(sp => sp.GetRequiredService<UserService>().CreateAsync(new UserDetails($"{other}@example.test", other, "A", "B", external), CancellationToken.None)));
        Assert.Equal(422, duplicate.Status);
        Assert.Equal(422, (await RefusedAsync(() => Scope(sp => sp.GetRequiredService<UserService>().CreateAsync(new UserDetails($"{other}@example.test", "-bad-", "A", "B"), CancellationToken.None)))).Status);
        await CreateServerAsync(LiveNode, await NewAllocationAsync(LiveNode), owner: user);
        var refused = await RefusedAsync(() => Scope(async sp => { await sp.GetRequiredService<UserService>().DeleteAsync(user.Id, CancellationToken.None); return 0; }));
        Assert.Equal((400, UserService.HasServersText), (refused.Status, refused.Message));
    }

    [Fact]
    public async Task Create_WithDefaultAllocation_WritesInstallingServer_VariablesAndEnvironment()
    {
        var allocation = await NewAllocationAsync(LiveNode);
        var (server, egg) = await CreateServerAsync(LiveNode, allocation, environment: new Dictionary<string, string?> { ["VERSION"] = "1.21", ["IGNORED"] = "x" });
        Assert.Equal(("installing", egg.Id, allocation), (server.Status, server.EggId, server.AllocationId));
        var env = Json.Read<Dictionary<string, string>>(server.EnvironmentJson)!;
        Assert.Equal("1.21", env["VERSION"]);
        Assert.Equal("paper", env["FLAVOUR"]); // omitted: the egg default (beyond Pterodactyl)
        Assert.False(env.ContainsKey("IGNORED"));
        var taken = await Scope(sp => sp.GetRequiredService<PanelDb>().Allocations.AsNoTracking().SingleAsync(a => a.Id == allocation));
        var container = ServerEnvironments.Container(server, "eu", [taken]);
        Assert.Equal((server.Uuid.ToString(), "eu", "java -jar server.jar"), (container["P_SERVER_UUID"], container["P_SERVER_LOCATION"], container["STARTUP"]));
        Assert.Equal($"{taken.Ip}:{taken.Port}", container["P_SERVER_ALLOCATIONS"]);
        Assert.Equal(server.Id, taken.ServerId);
        Assert.Equal(2, await Scope(sp => sp.GetRequiredService<PanelDb>().ServerVariables.CountAsync(v => v.ServerId == server.Id)));
    }

    [Fact]
    public async Task Create_BadInputs_AnswerTheSpecErrors_AndWriteNothing()
    {
        var other = await NewNodeAsync((await NewLocationAsync()).Id);
        var allocation = await NewAllocationAsync(LiveNode);
        var foreign = await NewAllocationAsync(other);
        var (owner, _) = await Fixture.CreateUserAsync();
        var egg = await NewEggAsync();
        var before = await CountServersAsync();

        Assert.Equal(422, (await RefusedAsync(() => CreateAsync(Body(owner.Id, 999_999, allocation)))).Status);
        var additional = await RefusedAsync(() => CreateAsync(Body(owner.Id, egg.Id, allocation) with { AllocationAdditional = [foreign] }));
        Assert.Equal(422, additional.Status);
        var required = await RefusedAsync(() => CreateAsync(Body(owner.Id, egg.Id, allocation, new Dictionary<string, string?> { ["VERSION"] = "" })));
        Assert.Equal((422, "The environment.VERSION field is required."), (required.Status, required.Message));
        var noNode = await RefusedAsync(() => CreateAsync(Body(owner.Id, egg.Id, null) with { Deploy = new ServerDeploy([999_999], false, []) }));
        Assert.Equal((400, Deployment.NoNodeText), (noNode.Status, noNode.Message));
        Assert.Equal(before, await CountServersAsync());
        Assert.Null((await Scope(sp => sp.GetRequiredService<PanelDb>().Allocations.AsNoTracking().SingleAsync(a => a.Id == allocation))).ServerId);
    }

    [Fact]
    public async Task Create_Deploy_PicksAFreeAllocationInTheLocationAndRange()
    {
        var location = LiveNode.LocationId!.Value;
        var node = LiveNode;
        await Scope(sp => sp.GetRequiredService<AllocationService>().CreateAsync(node.Id, "10.9.0.1", ["30000-30004"], null, CancellationToken.None));
        var (owner, _) = await Fixture.CreateUserAsync();
        var egg = await NewEggAsync();
        var server = await CreateAsync(Body(owner.Id, egg.Id, null) with { Deploy = new ServerDeploy([location], false, ["30003-30004"]) });
        var picked = await Scope(sp => sp.GetRequiredService<PanelDb>().Allocations.AsNoTracking().SingleAsync(a => a.Id == server.AllocationId));
        Assert.Equal((node.Id, server.Id), (picked.NodeId, picked.ServerId));
        Assert.InRange(picked.Port, 30003, 30004);
        var none = await RefusedAsync(() => CreateAsync(Body(owner.Id, egg.Id, null) with { Deploy = new ServerDeploy([location], false, ["31000"]) }));
        Assert.Equal((400, Deployment.NoAllocationText), (none.Status, none.Message));
    }

    [Fact]
    public async Task Create_ConcurrentSameAllocation_OnlyOneWins()
    {
        var allocation = await NewAllocationAsync(LiveNode);
        var (owner, _) = await Fixture.CreateUserAsync();
        var egg = await NewEggAsync();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            try
            {
                return (await CreateAsync(Body(owner.Id, egg.Id, allocation))).Id;
            }
            catch (PanelProblem p) when (p.Status == 422)
            {
                return 0;
            }
        }));
        var winner = Assert.Single(attempts, id => id != 0);
        Assert.Equal(1, await Scope(sp => sp.GetRequiredService<PanelDb>().Servers.CountAsync(s => s.AllocationId == allocation)));
        Assert.Equal(winner, (await Scope(sp => sp.GetRequiredService<PanelDb>().Allocations.AsNoTracking().SingleAsync(a => a.Id == allocation))).ServerId);
    }

    [Fact]
    public async Task Create_NodeUnreachable_Is504_LeavesNoRowNoAllocationNoQueuedCall()
    {
        var location = await NewLocationAsync();
        var dead = await Scope(sp => sp.GetRequiredService<NodeService>().CreateAsync(
            Details(PanelFixture.Unique("dead"), location.Id) with { InternalUrl = $"http://127.0.0.1:{Aerie.Testing.FreePort.Next()}" }, CancellationToken.None));
        var allocation = await NewAllocationAsync(dead);
        var (owner, _) = await Fixture.CreateUserAsync();
        var egg = await NewEggAsync();
        var before = await CountServersAsync();
        var failed = await RefusedAsync(() => CreateAsync(Body(owner.Id, egg.Id, allocation)));
        Assert.Equal((504, NodeClient.UnreachableText), (failed.Status, failed.Message));
        Assert.Equal(before, await CountServersAsync());
        Assert.Null((await Scope(sp => sp.GetRequiredService<PanelDb>().Allocations.AsNoTracking().SingleAsync(a => a.Id == allocation))).ServerId);
        Assert.Equal(0, await Scope(sp => sp.GetRequiredService<PanelDb>().Outbox.CountAsync(m => m.NodeId == dead.Id)));
    }

    private static int nextPort = 40000;

    private Task<int> CountServersAsync() => Scope(sp => sp.GetRequiredService<PanelDb>().Servers.CountAsync());

    private Task<GameServer> CreateAsync(ServerCreate body) => Scope(sp => sp.GetRequiredService<ServerProvisioning>().CreateAsync(body, CancellationToken.None));

    private static ServerCreate Body(int owner, int egg, int? allocation, IReadOnlyDictionary<string, string?>? environment = null) => new(
        PanelFixture.Unique("srv"), owner, egg, "ghcr.io/example/java:21", "java -jar server.jar",
        environment ?? new Dictionary<string, string?> { ["VERSION"] = "1.21" },
        new ServerLimits(1024, 0, 2048, 500, 100), new ServerFeatureLimits(0, 0), AllocationDefault: allocation);

    private async Task<(GameServer Server, Egg Egg)> CreateServerAsync(PanelNode node, int allocation, PanelUser? owner = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        owner ??= (await Fixture.CreateUserAsync()).User;
        var egg = await NewEggAsync();
        return (await CreateAsync(Body(owner.Id, egg.Id, allocation, environment)), egg);
    }

    private Task<Egg> NewEggAsync() => Scope(async sp =>
    {
        var catalog = sp.GetRequiredService<EggCatalog>();
        var nest = await catalog.CreateNestAsync(PanelFixture.Unique("nest"), null, "test@example.test", CancellationToken.None);
        return await catalog.CreateEggAsync(nest.Id, new Egg { Name = "Paper", Startup = "java -jar server.jar", DockerImagesJson = """{"Java 21":"ghcr.io/example/java:21"}""" },
        [
            new EggVariable { Name = "Version", EnvVariable = "VERSION", Rules = "required|string|max:20", DefaultValue = "" },
            new EggVariable { Name = "Flavour", EnvVariable = "FLAVOUR", Rules = "required|in:paper,vanilla", DefaultValue = "paper" },
        ], CancellationToken.None);
    });

    private Task<Location> NewLocationAsync() => Scope(sp => sp.GetRequiredService<LocationService>().CreateAsync(PanelFixture.Unique("l"), null, CancellationToken.None));

    /// <summary>A node no call reaches (its address is made up); servers go on the fixture's real node (<see cref="LiveNode"/>).</summary>
    private Task<PanelNode> NewNodeAsync(int locationId, bool behindProxy = false) => Scope(sp => sp.GetRequiredService<NodeService>().CreateAsync(
        Details(PanelFixture.Unique("n"), locationId) with { BehindProxy = behindProxy }, CancellationToken.None));

    private PanelNode LiveNode => Fixture.PanelNode;

    private static NodeDetails Details(string name, int locationId) =>
        new(name, locationId, "node.example.com", "https", 0, 0, 0, 0, 8443, 2022);

    private Task<int> NewAllocationAsync(PanelNode node) => Scope(async sp =>
    {
        var port = Interlocked.Increment(ref nextPort);
        await sp.GetRequiredService<AllocationService>().CreateAsync(node.Id, "10.0.0.1", [port.ToString(System.Globalization.CultureInfo.InvariantCulture)], null, CancellationToken.None);
        return await sp.GetRequiredService<PanelDb>().Allocations.Where(a => a.NodeId == node.Id && a.Port == port).Select(a => a.Id).SingleAsync();
    });
}

public sealed class ApplicationServicesSqliteTests(SqlitePanelFixture f) : ApplicationServicesTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ApplicationServicesPostgresTests(PostgresPanelFixture f) : ApplicationServicesTests(f), IClassFixture<PostgresPanelFixture>;
