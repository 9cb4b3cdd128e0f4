using System.Text.Json;
using Aerie.Panel.Allocations;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Aerie.Panel.Eggs.BuiltIn;
using Aerie.Panel.NodeCalls;
using Aerie.Panel.Servers;
using Aerie.Panel.Users;
using Aerie.Up;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServerManager = Aerie.Node.Servers.ServerManager;

namespace Aerie.Compat.Tests.Support;

/// <summary>
/// One <c>aerie up</c> stack (panel + local node running the demo game, in a temp folder on free ports) seeded the way
/// a host's panel looks to the libraries: a nest (id 1, which nodeactyl hard-codes) with an egg, free allocations on the
/// node, an administrator's client key (<c>ptlc_</c>) and an application key (<c>ptla_</c>) with every <c>r_*</c> mask.
/// Each flow makes its own servers and users through <see cref="DemoServerAsync"/> and <see cref="UserAsync"/>, so no
/// flow sees another's changes.
/// </summary>
public sealed class CompatStack : IAsyncLifetime
{
    /// <summary>The first free allocation port; <see cref="FreeAllocations"/> of them are seeded on 127.0.0.1.</summary>
    public const int FirstPort = 31000;
    public const int FreeAllocations = 40;
    public const string AllocationIp = "127.0.0.1";
    public const string EggImage = "ghcr.io/aerie/demo:latest";
    /// <summary>The password of every user <see cref="UserAsync"/> makes.</summary>
    internal const string UserPassword = "compat-test-user-password";

    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "aerie-compat-tests", Guid.NewGuid().ToString("N"));
    private UpStack? stack;

    internal UpStack Stack => stack ?? throw new InvalidOperationException("not started");
    public string PanelUrl => Stack.PanelUrl;
    public string ClientKey { get; private set; } = "";
    public string ApplicationKey { get; private set; } = "";
    public int AdminId { get; private set; }
    public int NodeId => Stack.Provisioned.Node.Id;
    public int LocationId { get; private set; }
    public int NestId { get; private set; }
    public int EggId { get; private set; }
    public string EggStartup { get; private set; } = "";

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        stack = await UpStack.StartAsync(new UpOptions
        {
            DataFolder = dataFolder,
            PanelPort = 0,
            NodePort = 0,
            AdminPassword = "compat-test-admin-password",
            TweakNode = c =>
            {
                c.System.StatsInterval = 0.5;
                c.Power.ShutdownTimeout = 5;
                // The egg's image, as a host's node would map it to the host's toolchain (spec 05 §9).
                c.System.ProcessRuntime.RuntimeProfiles.Add(new Aerie.Node.Configuration.RuntimeProfileConfig { Image = EggImage });
            },
        }, timeout.Token);
        await using var scope = Stack.Panel.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<PanelDb>();
        var admin = await db.Users.FirstAsync(u => u.Uuid == Stack.Provisioned.AdminUuid);
        AdminId = admin.Id;
        LocationId = (await db.Nodes.AsNoTracking().FirstAsync(n => n.Id == NodeId)).LocationId
            ?? throw new InvalidOperationException("aerie up's node has no location");

        var keys = sp.GetRequiredService<ApiKeyService>();
        ClientKey = (await keys.CreateAsync(admin, "compat client key", null, null, CancellationToken.None)).Token;
        var all = Enum.GetValues<ApplicationResource>().ToDictionary(r => r, _ => ApplicationMasks.ReadWrite);
        ApplicationKey = (await keys.CreateApplicationAsync(admin, "compat application key", all, null, CancellationToken.None)).Token;

        var catalog = sp.GetRequiredService<EggCatalog>();
        // The panel's own nest "Aerie" (its built-in templates) is nest 1, which nodeactyl asks for.
        var nest = await db.Nests.AsNoTracking().FirstAsync(n => n.Uuid == BuiltInTemplates.NestUuid);
        EggStartup = "exec \"{{" + DemoServer.GameVariable + "}}\"";
        var egg = await catalog.CreateEggAsync(nest.Id, new Egg
        {
            Name = "Demo game",
            Author = "compat@example.com",
            Description = "The demo game aerie up runs",
            Startup = EggStartup,
            DockerImagesJson = "{\"Demo\":\"" + EggImage + "\"}",
            // How the demo game says it is up and how it stops: the built-in demo template's (the node follows the egg).
            ConfigStartupJson = DemoServer.Template().Egg.ConfigStartupJson,
            ConfigStop = DemoServer.Template().Egg.ConfigStop,
        },
        [
            new EggVariable { Name = "Players", EnvVariable = "DEMO_PLAYERS", DefaultValue = "alex", Rules = "required|string|max:64", UserViewable = true, UserEditable = true },
            new EggVariable { Name = "Memory", EnvVariable = "DEMO_MEMORY_MB", DefaultValue = "32", Rules = "required|integer", UserViewable = true },
        ], CancellationToken.None);
        (NestId, EggId) = (nest.Id, egg.Id);
        await sp.GetRequiredService<AllocationService>().CreateAsync(NodeId, AllocationIp, [$"{FirstPort}-{FirstPort + FreeAllocations - 1}"], null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (stack is not null)
        {
            await stack.DisposeAsync();
        }
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // a game's last write may race the delete; the temp folder is cleaned by the OS eventually
        }
    }

    /// <summary>The ids every flow gets, plus its own.</summary>
    public Dictionary<string, string> Env(params (string Key, object Value)[] extra)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PANEL_URL"] = PanelUrl,
            ["CLIENT_KEY"] = ClientKey,
            ["APP_KEY"] = ApplicationKey,
            ["ADMIN_ID"] = Str(AdminId),
            ["NODE_ID"] = Str(NodeId),
            ["LOCATION_ID"] = Str(LocationId),
            ["NEST_ID"] = Str(NestId),
            ["EGG_ID"] = Str(EggId),
            ["EGG_IMAGE"] = EggImage,
            ["EGG_STARTUP"] = EggStartup,
            ["ALLOC_IP"] = AllocationIp,
            ["UNIQUE"] = Guid.NewGuid().ToString("N")[..8],
        };
        foreach (var (key, value) in extra)
        {
            env[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }
        return env;
    }

    /// <summary>
    /// A demo-game server owned by the administrator (or <paramref name="owner"/>) on the local node, as a host's
    /// panel holds it: the demo egg, a primary allocation, the demo game's invocation and environment. Written as one
    /// row plus the node call the panel queues for a new server (not through a create route: those are under test);
    /// returns once the node knows it.
    /// </summary>
    internal async Task<GameServer> DemoServerAsync(string name, PanelUser? owner = null)
    {
        GameServer server;
        await using (var scope = Stack.Panel.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<PanelDb>();
            var demo = DemoServer.Request(owner?.Uuid ?? Stack.Provisioned.AdminUuid, NodeId);
            var allocation = await db.Allocations.OrderBy(a => a.Id).FirstAsync(a => a.NodeId == NodeId && a.ServerId == null);
            var uuid = Guid.NewGuid();
            while (await db.Servers.AnyAsync(s => s.Identifier == ServerService.Identifier(uuid)))
            {
                uuid = Guid.NewGuid();
            }
            var now = DateTimeOffset.UtcNow;
            server = new GameServer
            {
                Uuid = uuid,
                Identifier = ServerService.Identifier(uuid),
                Name = name,
                Description = demo.Description ?? "",
                OwnerId = owner?.Id ?? AdminId,
                NodeId = NodeId,
                EggId = EggId,
                Invocation = demo.Invocation!,
                EnvironmentJson = JsonSerializer.Serialize(demo.Environment),
                DoneJson = JsonSerializer.Serialize(demo.Done),
                StopType = demo.StopType!,
                StopValue = demo.StopValue!,
                MemoryMb = demo.MemoryMb ?? 0,
                CpuPercent = demo.CpuPercent ?? 0,
                DiskMb = demo.DiskMb ?? 0,
                Image = EggImage,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Servers.Add(server);
            allocation.Server = server;
            var outbox = sp.GetRequiredService<NodeCallOutbox>();
            outbox.Created(server);
            await db.SaveChangesAsync();
            server.AllocationId = allocation.Id;
            await db.SaveChangesAsync();
            outbox.Wake();
        }
        var manager = Stack.Node.Services.GetRequiredService<ServerManager>();
        await Eventually.TrueAsync(() => manager.TryGet(server.Uuid.ToString(), out _), TimeSpan.FromSeconds(15), "the node learns the new server from the panel");
        return server;
    }

    /// <summary>A plain (not administrator) panel user.</summary>
    internal async Task<PanelUser> UserAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..20];
        await using var scope = Stack.Panel.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserService>().CreateAsync(name, $"{name}@example.com", UserPassword, admin: false, CancellationToken.None);
    }

    /// <summary>A client key (<c>ptlc_</c>) of <paramref name="user"/>.</summary>
    internal async Task<string> ClientKeyAsync(PanelUser user)
    {
        await using var scope = Stack.Panel.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var row = await sp.GetRequiredService<PanelDb>().Users.FirstAsync(u => u.Id == user.Id);
        return (await sp.GetRequiredService<ApiKeyService>().CreateAsync(row, "compat user key", null, null, CancellationToken.None)).Token;
    }

    /// <summary>The activity events recorded for a user's account or a server, oldest first.</summary>
    internal async Task<List<string>> EventsAsync(Guid? user = null, Guid? server = null)
    {
        await using var scope = Stack.Panel.Services.CreateAsyncScope();
        var rows = scope.ServiceProvider.GetRequiredService<PanelDb>().Activity.AsNoTracking();
        rows = user is { } u ? rows.Where(a => a.UserUuid == u) : rows;
        rows = server is { } s ? rows.Where(a => a.ServerUuid == s) : rows;
        return await rows.OrderBy(a => a.Id).Select(a => a.Event).ToListAsync();
    }

    /// <summary>The panel's row as it is now (a flow changed it).</summary>
    internal async Task<GameServer?> ServerRowAsync(int id)
    {
        await using var scope = Stack.Panel.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PanelDb>().Servers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id);
    }

    /// <summary>The node's live state of a server (offline, starting, running, stopping).</summary>
    internal string NodeState(Guid server) =>
        Stack.Node.Services.GetRequiredService<ServerManager>().TryGet(server.ToString(), out var s) ? s.State : "unknown";

    private static string Str(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
