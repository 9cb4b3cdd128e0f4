using Aerie.Contracts.Socket;
using Aerie.Node.Servers;
using Aerie.Panel.Data;
using Aerie.Panel.Eggs.BuiltIn;
using Aerie.Up;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using GameServer = Aerie.Panel.Data.GameServer;

namespace Aerie.Panel.Tests.Up;

/// <summary><c>aerie up</c>'s demo server is made from the built-in template "Aerie demo game", has room for backups and
/// runs, sandboxed or not; a demo server from before the template is brought to it.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class UpDemoTemplateTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "aerie-up-template-tests", Guid.NewGuid().ToString("N"));

    private Task<UpStack> StartAsync(bool bubblewrap = true) => UpStack.StartAsync(new UpOptions
    {
        DataFolder = data,
        PanelPort = 0,
        NodePort = 0,
        AdminPassword = "up-template-test-password",
        TweakNode = c =>
        {
            c.Power.ShutdownTimeout = 5;
            if (!bubblewrap)
            {
                c.System.ProcessRuntime.Bwrap = "/nonexistent/bwrap";
            }
        },
    }, CancellationToken.None);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Up_DemoServerFromTheTemplate_ReachesRunning(bool bubblewrap)
    {
        await using var stack = await StartAsync(bubblewrap);
        Assert.Equal(!bubblewrap, stack.SandboxWarning is not null);
        var (server, values) = await DemoAsync(stack);
        await AssertMadeFromTheTemplateAsync(stack, server, values);
        await AssertRunsAsync(stack, server.Uuid);
    }

    [Fact]
    public async Task Up_DemoServerOfAnOlderVersion_UpdatedToTheTemplate()
    {
        Guid uuid;
        await using (var first = await StartAsync())
        {
            uuid = first.Provisioned.DemoServerUuid;
            // What an aerie up before templates made: a raw command, no egg, no image, no variable rows.
            await using var scope = first.Panel.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
            var row = await db.Servers.SingleAsync(s => s.Uuid == uuid);
            // ...and no backup limit (then 0: every backup refused).
            (row.EggId, row.Image, row.BackupLimit) = (null, "", null);
            await db.ServerVariables.Where(v => v.ServerId == row.Id).ExecuteDeleteAsync();
            await db.SaveChangesAsync();
        }
        await using var second = await StartAsync();
        Assert.Equal(uuid, second.Provisioned.DemoServerUuid);
        var (server, values) = await DemoAsync(second);
        await AssertMadeFromTheTemplateAsync(second, server, values);
        await using (var scope = second.Panel.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
            Assert.Equal(1, await db.Servers.CountAsync());
            Assert.Equal(1, await db.Nests.CountAsync(n => n.Uuid == BuiltInTemplates.NestUuid));
        }
        await AssertRunsAsync(second, uuid);
    }

    private static async Task<(GameServer Server, Dictionary<string, string> Values)> DemoAsync(UpStack stack)
    {
        await using var scope = stack.Panel.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
        var server = await db.Servers.AsNoTracking().SingleAsync(s => s.Uuid == stack.Provisioned.DemoServerUuid);
        var values = await db.ServerVariables.AsNoTracking().Where(v => v.ServerId == server.Id)
            .Join(db.EggVariables, v => v.VariableId, e => e.Id, (v, e) => new { e.EnvVariable, v.Value }).ToDictionaryAsync(x => x.EnvVariable, x => x.Value);
        return (server, values);
    }

    private static async Task AssertMadeFromTheTemplateAsync(UpStack stack, GameServer server, Dictionary<string, string> values)
    {
        await using var scope = stack.Panel.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
        var egg = await db.Eggs.AsNoTracking().SingleAsync(e => e.Uuid == BuiltInTemplates.DemoGameUuid);
        Assert.Equal(egg.Id, server.EggId);
        Assert.Equal(("~aerie/demo:latest", egg.Startup), (server.Image, server.Invocation));
        Assert.Equal("[\"Done (\"]", server.DoneJson);
        Assert.Equal(("command", "stop"), (server.StopType, server.StopValue));
        // A new user can try backups on the demo.
        Assert.Equal(DemoServer.BackupLimit, server.BackupLimit);
        Assert.Equal(5, values.Count);
        Assert.Equal(DemoGameLocator.ExePath(), values[DemoServer.GameVariable]);
        Assert.Equal(DemoGameLocator.DotnetRoot(), values[DemoServer.DotnetVariable]);
        Assert.Equal("alex,steve", values["DEMO_PLAYERS"]);
    }

    private static async Task AssertRunsAsync(UpStack stack, Guid uuid)
    {
        var manager = stack.Node.Services.GetRequiredService<ServerManager>();
        await Eventually.TrueAsync(() => manager.TryGet(uuid.ToString(), out _), TimeSpan.FromSeconds(15), "the node knows the demo server");
        manager.TryGet(uuid.ToString(), out var game);
        await Eventually.TrueAsync(() => game!.State == ServerStates.Offline || game.State == ServerStates.Running, TimeSpan.FromSeconds(15), "the demo server settles");
        if (game!.State == ServerStates.Offline)
        {
            Assert.Null(await game.PowerAsync(PowerActions.Start, Actor.Daemon));
        }
        await Eventually.TrueAsync(() => game.State == ServerStates.Running, TimeSpan.FromSeconds(30), "the demo server reaches running");
        Assert.Null(await game.PowerAsync(PowerActions.Stop, Actor.Daemon));
        await Eventually.TrueAsync(() => game.State == ServerStates.Offline, TimeSpan.FromSeconds(30), "the demo server stops");
    }

    public void Dispose()
    {
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
