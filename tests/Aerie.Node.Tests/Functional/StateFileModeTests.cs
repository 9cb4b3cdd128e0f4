using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Configuration;
using Aerie.Node.Storage;

namespace Aerie.Node.Tests.Functional;

/// <summary>The daemon's own state (revocations, console logs, the state folder) is owner-only whatever the umask;
/// the servers' folders are the games' and keep the default mode.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class StateFileModeTests
{
    private const UnixFileMode WorldReadable = (UnixFileMode)0b111_111_111;

    [Fact]
    public async Task StateFiles_CreatedOwnerOnly()
    {
        await using var node = await TestNode.StartAsync();
        await using (var client = await node.RunningConsoleAsync())
        {
            await client.SendAsync(SocketEvents.SendCommand, "hello");
            await client.WaitForConsoleAsync("echo: hello");
        }
        using var response = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/ws/deny", new DenyRequest(["some-jti"]));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        var state = NodePaths.StateDirectory(node.Config);
        var log = node.Server.LogFilePath;
        await Eventually.TrueAsync(() => File.Exists(log) && new FileInfo(log).Length > 0, "the console log on disk");
        Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(state));
        Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(NodePaths.LogDirectory(node.Config)));
        Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(log));
        Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(state, "revocations.json")));
        // Not ours: the game's folder keeps the mode any new folder gets.
        var plain = Directory.CreateDirectory(Path.Combine(node.Config.System.Data, "plain"));
        Assert.Equal(plain.UnixFileMode, File.GetUnixFileMode(node.Server.WorkingDirectory));
    }

    [Fact]
    public async Task WorldReadableStateFolder_FromBefore_IsNarrowedAtStart()
    {
        var data = Path.Combine(Path.GetTempPath(), "aerie-test-nodes", Guid.NewGuid().ToString("N"));
        var config = TestNode.NewConfig(dataDir: data);
        var state = NodePaths.StateDirectory(config);
        var logs = NodePaths.LogDirectory(config);
        var log = Path.Combine(logs, config.Servers[0].Uuid + ".log");
        Directory.CreateDirectory(logs);
        File.WriteAllText(log, "an old line\n");
        foreach (var path in new[] { state, logs, log })
        {
            File.SetUnixFileMode(path, WorldReadable);
        }
        try
        {
            await using (var node = await TestNode.StartAsync(c => c.Servers = config.Servers, dataDir: data))
            {
                Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(state));
                Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(logs));
                await Eventually.TrueAsync(() => File.GetUnixFileMode(log) == PrivateFiles.OwnerOnlyFile, "the old console log narrowed to 0600");
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
