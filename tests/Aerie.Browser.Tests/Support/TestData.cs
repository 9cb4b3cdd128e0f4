using Aerie.Panel.Data;
using Aerie.Panel.Servers;
using Aerie.Panel.Subusers;
using Aerie.Panel.Users;
using Aerie.Up;
using Microsoft.Extensions.DependencyInjection;
using ServerManager = Aerie.Node.Servers.ServerManager;

namespace Aerie.Browser.Tests.Support;

/// <summary>Each test's own users and servers, made through the panel's services like `aerie up` makes its own.</summary>
internal static class TestData
{
    public const string Password = "browser-test-user-password";

    public static async Task<PanelUser> UserAsync(UpStack stack, string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..20];
        await using var scope = stack.Panel.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserService>().CreateAsync(name, $"{name}@example.com", Password, admin: false, CancellationToken.None);
    }

    /// <summary>A demo-game server owned by the administrator on the local node; returns once the node knows it.</summary>
    public static async Task<GameServer> DemoServerAsync(UpStack stack, string name)
    {
        GameServer server;
        await using (var scope = stack.Panel.Services.CreateAsyncScope())
        {
            var request = DemoServer.Request(stack.Provisioned.AdminUuid, stack.Provisioned.Node.Id) with { Name = name };
            server = await scope.ServiceProvider.GetRequiredService<ServerProvisioning>().CreateRawAsync(request, CancellationToken.None);
        }
        var manager = stack.Node.Services.GetRequiredService<ServerManager>();
        await Eventually.TrueAsync(() => manager.TryGet(server.Uuid.ToString(), out _), TimeSpan.FromSeconds(15), "the node learns the new server from the panel");
        return server;
    }

    public static async Task SubuserAsync(UpStack stack, GameServer server, PanelUser user, params string[] permissions)
    {
        await using var scope = stack.Panel.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var tracked = await sp.GetRequiredService<ServerService>().FindAsync(server.Uuid, CancellationToken.None);
        await sp.GetRequiredService<SubuserService>().AddAsync(tracked, user.Email, permissions, null, CancellationToken.None);
    }

    /// <summary>The node's live state of a server (offline, starting, running, stopping).</summary>
    public static string NodeState(UpStack stack, Guid server) =>
        stack.Node.Services.GetRequiredService<ServerManager>().TryGet(server.ToString(), out var s) ? s.State : "unknown";
}
