using System.Text.Json.Nodes;
using Aerie.Contracts.Socket;
using Aerie.Node.Configuration;
using Aerie.Node.Environments.LocalProcess;
using Aerie.Panel.Eggs.BuiltIn;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Eggs;

/// <summary>
/// The built-in Minetest template runs Debian's minetest-server on the process runtime, in the real sandbox: the
/// node gets the server as the panel's configuration document describes an egg server (the template's startup,
/// image, variable defaults, done marker and stop, the port of its allocation) and starts it on an empty folder —
/// no install script ran, so nothing here depends on one.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MinetestTemplateTests
{
    private const string Binary = "/usr/games/minetestserver";

    [Fact]
    public async Task Minetest_FromItsTemplate_ReachesRunningInTheSandbox_AndStopsCleanly()
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: install Debian's package (apt-get install minetest-server; scripts/test.sh does)");
        var template = BuiltInTemplates.Template(BuiltInTemplates.MinetestUuid);
        var egg = template.Egg;
        var done = JsonNode.Parse(egg.ConfigStartupJson)!["done"]!.GetValue<string>();
        Assert.StartsWith("^", egg.ConfigStop, StringComparison.Ordinal);
        var port = FreePort.Next();
        var uuid = Guid.NewGuid().ToString();
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Power.StopTimeout = 30;
            c.Servers[0] = new ServerEntry
            {
                Uuid = uuid,
                Name = "minetest",
                Invocation = egg.Startup,
                Environment = template.Variables.ToDictionary(v => v.EnvVariable, v => v.DefaultValue),
                Image = JsonNode.Parse(egg.DockerImagesJson)!.AsObject().First().Value!.GetValue<string>(),
                Done = [done],
                // spec 05 §3: "^SIGINT" is sent as {type: signal, value: SIGINT}.
                Stop = new StopEntry { Type = "signal", Value = egg.ConfigStop[1..] },
                Ip = "127.0.0.1",
                Port = port,
                Limits = new LimitsEntry { Disk = 1024 },
            };
        });
        Assert.NotNull(node.App.Services.GetRequiredService<ProcessSandbox>().Tools); // sandboxed, as production runs

        await using var console = await node.ConsoleAsync();
        await console.SendAsync(SocketEvents.SetState, PowerActions.Start);
        try
        {
            await console.WaitForStatusAsync(ServerStates.Running, TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException e)
        {
            // The game's own words say why (a missing game, an unwritable folder).
            var lines = console.Received.Where(f => f.Event == SocketEvents.ConsoleOutput).Select(f => f.Args![0]);
            throw new TimeoutException("minetest did not reach running; its console:\n" + string.Join("\n", lines), e);
        }
        // The done line came before the running status (frames are read in order).
        var listening = console.Received.Where(f => f.Event == SocketEvents.ConsoleOutput).Select(f => f.Args![0]).Single(l => l.Contains(done, StringComparison.Ordinal));
        Assert.Contains($"gameid=\"minetest_game\" listening on 0.0.0.0:{port}", listening, StringComparison.Ordinal);
        var folder = Path.Combine(node.Config.System.Data, uuid);
        Assert.True(File.Exists(Path.Combine(folder, "world", "world.mt")), "minetest made its world in the server folder");

        await console.SendAsync(SocketEvents.SetState, PowerActions.Stop);
        // Well inside the 30 s stop timeout: the game ended on the signal, it was not killed.
        await console.WaitForStatusAsync(ServerStates.Offline, TimeSpan.FromSeconds(20));
        Assert.Contains(console.Received, f => f.Event == SocketEvents.ConsoleOutput && f.Args![0].Contains("Server: Shutting down", StringComparison.Ordinal));
        Assert.Equal(ServerStates.Offline, node.ServerOf(uuid).State);
    }
}
