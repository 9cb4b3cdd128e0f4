using System.Net;
using System.Net.Http.Json;
using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Configuration;
using Aerie.Node.Servers;
using Aerie.Node.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Node.Tests.Functional;

/// <summary>Audit is never lost and never blocked: oversized commands, entries the panel refuses and a long panel
/// outage, each followed by records that must still reach the panel.</summary>
public sealed class ActivityDeliveryTests
{
    private static async Task<TestNode> RunningNodeAsync(PanelStandIn panel)
    {
        var node = await TestNode.StartAsync(c =>
        {
            c.Remote = panel.Url;
            c.TokenId = "testtokenid00001";
        });
        using var start = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/power", new { action = PowerActions.Start });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        await Eventually.TrueAsync(() => node.Server.State == ServerStates.Running, what: "server running");
        return node;
    }

    private static async Task SendCommandsAsync(TestNode node, params string[] commands)
    {
        using var response = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/commands", new { commands });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static List<string> Commands(IEnumerable<ActivityEntry> entries) =>
        entries.Where(e => e.Event == ActivityEvents.ConsoleCommand).Select(e => e.Metadata["command"]).ToList();

    [Fact]
    public async Task Activity_ThreeOversizedCommandsThenShort_ShortReachesPanel()
    {
        // 4,000 '<' are 24,000 bytes of JSON each (escaped as \u003C): three exceed the panel's 64 KiB body limit.
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await RunningNodeAsync(panel);
        var huge = new string('<', 4000);
        await SendCommandsAsync(node, huge, huge, huge, "short");

        await Eventually.TrueAsync(() => Commands(panel.Activity).Contains("short"), TimeSpan.FromSeconds(15), "the short command reached the panel");
        var cut = Commands(panel.Activity).Where(c => c != "short").ToList();
        Assert.Equal(3, cut.Count);
        Assert.All(cut, c =>
        {
            var kept = c.TakeWhile(ch => ch == '<').Count();
            Assert.True(kept > 1000, $"kept {kept} characters");
            Assert.Equal(new string('<', kept) + ActivityEntryCap.Marker(4000 - kept), c);
        });
    }

    [Fact]
    public async Task Activity_EntryRefusedByPanel_KeptLocallyNotResent_RestDelivered()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        panel.RejectCommands["refused one"] = true;
        await using var node = await RunningNodeAsync(panel);
        await SendCommandsAsync(node, "refused one", "after it");

        await Eventually.TrueAsync(() => Commands(panel.Activity).Contains("after it"), TimeSpan.FromSeconds(15), "the next command reached the panel");
        var local = NodePaths.ActivityFile(node.Config);
        await Eventually.TrueAsync(() => File.Exists(local) && File.ReadAllText(local).Contains("refused one", StringComparison.Ordinal), what: "refused entry kept locally");
        await SendCommandsAsync(node, "marker");
        await Eventually.TrueAsync(() => Commands(panel.Activity).Contains("marker"), TimeSpan.FromSeconds(15), "a later batch");
        Assert.Single(Commands(panel.Offered), c => c == "refused one");
        Assert.DoesNotContain("refused one", Commands(panel.Activity));
    }

    [Fact]
    public async Task Activity_PanelDownWhile5000Recorded_AllArriveAfterwards_MemoryBounded()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        panel.Down = true;
        await using var node = await RunningNodeAsync(panel);
        for (var chunk = 0; chunk < 20; chunk++)
        {
            await SendCommandsAsync(node, [.. Enumerable.Range(chunk * 250, 250).Select(i => $"record {i}")]);
        }

        var spool = node.App.Services.GetRequiredService<ActivitySpool>();
        var (inMemory, fileBytes) = spool.Pending;
        Assert.True(inMemory <= ActivitySpool.MemoryEntries, $"{inMemory} records in memory");
        Assert.True(fileBytes > 0, "records past the memory bound were spilled to disk");
        var spill = NodePaths.ActivitySpoolFile(node.Config);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(spill));
        }

        panel.Down = false;
        await Eventually.TrueAsync(() => Commands(panel.Activity).Count >= 5000, TimeSpan.FromSeconds(40), "5,000 commands at the panel");
        var arrived = Commands(panel.Activity);
        Assert.Equal(5000, arrived.Count);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => $"record {i}"), arrived);
        Assert.Single(panel.Activity, e => e.Event == ActivityEvents.PowerStart);
        await Eventually.TrueAsync(() => !File.Exists(spill), what: "the spill file removed once delivered");
    }
}
