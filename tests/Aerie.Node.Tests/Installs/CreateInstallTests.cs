using System.Net;
using System.Net.Http.Json;
using Aerie.Contracts;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Tests.Support;

namespace Aerie.Node.Tests.Installs;

/// <summary>`POST /api/servers` installs the new server, then starts it when `start_on_completion` (spec 05 §7
/// steps 1 and 10): a real node and sandbox; only the panel's remote API is a stand-in (<see cref="PanelStandIn"/>).</summary>
public sealed class CreateInstallTests
{
    [Fact]
    public async Task Create_RunsTheInstallScript_ThenStartsOnCompletion()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        var uuid = Serve(panel, skipScripts: false);
        panel.InstallScripts[uuid] = new InstallScript("img", "bash", "echo installed > /mnt/server/installed.txt\r\n");
        await using var node = await TestNode.StartAsync(c => c.Remote = panel.Url);

        await CreateAsync(node, uuid);

        await Eventually.TrueAsync(() => !panel.InstallReports.IsEmpty, TimeSpan.FromSeconds(30), "the install report");
        Assert.True(Assert.Single(panel.InstallReports).Status.Successful);
        var server = node.ServerOf(uuid);
        Assert.Equal("installed\n", await File.ReadAllTextAsync(Path.Combine(server.WorkingDirectory, "installed.txt")));
        await Eventually.TrueAsync(() => server.State == ServerStates.Running, TimeSpan.FromSeconds(30), "the server to start after its install");
    }

    [Fact]
    public async Task Create_SkipEggScripts_ReportsDoneWithoutRunningAndStarts()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        var uuid = Serve(panel, skipScripts: true);
        panel.InstallScripts[uuid] = new InstallScript("img", "bash", "touch /mnt/server/ran");
        await using var node = await TestNode.StartAsync(c => c.Remote = panel.Url);

        await CreateAsync(node, uuid);

        await Eventually.TrueAsync(() => !panel.InstallReports.IsEmpty, TimeSpan.FromSeconds(30), "the install report");
        Assert.True(Assert.Single(panel.InstallReports).Status.Successful);
        var server = node.ServerOf(uuid);
        await Eventually.TrueAsync(() => server.State == ServerStates.Running, TimeSpan.FromSeconds(30), "the server to start");
        Assert.False(File.Exists(Path.Combine(server.WorkingDirectory, "ran")));
    }

    private static string Serve(PanelStandIn panel, bool skipScripts)
    {
        var uuid = Guid.NewGuid().ToString();
        panel.Servers[uuid] = new ServerConfiguration(
            new ServerSettings(uuid, new ServerMeta("created"), false, new Dictionary<string, string>(), "echo ready; exec sleep 120", new BuildSettings(),
                new ContainerSettings(""), new Allocations(new AllocationAddress("127.0.0.1", 0), new Dictionary<string, IReadOnlyList<int>>()),
                SkipEggScripts: skipScripts),
            new ProcessConfiguration(new StartupConfiguration(["ready"]), new StopConfiguration("signal", "SIGTERM")));
        return uuid;
    }

    private static async Task CreateAsync(TestNode node, string uuid)
    {
        using var response = await node.Http.PostAsJsonAsync("/api/servers", new CreateServerRequest(uuid, StartOnCompletion: true), ContractsJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
