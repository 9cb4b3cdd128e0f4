using Aerie.Contracts.Permissions;
using Aerie.Contracts.Socket;
using Aerie.Node.Configuration;

namespace Aerie.Node.Tests.Functional;

/// <summary>Runtime profiles on a real daemon (spec 05 §9): the image picks the host toolchain the game runs with.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RuntimeProfileTests : IDisposable
{
    private readonly string tools = Path.Combine(Path.GetTempPath(), "aerie-profile-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Start_ImageWithoutProfile_RefusedWithNoticeAndDaemonError()
    {
        const string image = "ghcr.io/example/games:unprofiled";
        await using var node = await TestNode.StartAsync(c => c.Servers[0].Image = image);
        await using var admin = await node.ConsoleAsync([.. Permission.AdminToken]);
        await admin.SendAsync(SocketEvents.SetState, PowerActions.Start);
        var error = await admin.WaitForAsync(SocketEvents.DaemonError);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, $"no runtime profile for image {image}"), error.Args![0]);
        // The notice came before the error (frames are read in order).
        Assert.Contains(admin.Received, f => f.Event == SocketEvents.ConsoleOutput
            && f.Args![0].Contains($"The server could not be started: no runtime profile for image {image}", StringComparison.Ordinal));
        Assert.Equal(ServerStates.Offline, node.Server.State);
        Assert.DoesNotContain(admin.Received, f => f.Event == SocketEvents.ConsoleOutput && f.Args![0].Contains("booting", StringComparison.Ordinal));
    }

    /// <summary>The profile's folder is first on the game's PATH (its tool runs by bare name, and wins over a
    /// system command of the same name) and its variables are set; the server's own variables win over them.</summary>
    [Fact]
    public async Task Start_ProfiledImage_GameSeesPathAndVariables()
    {
        Directory.CreateDirectory(tools);
        var tool = Path.Combine(tools, "aerie-profile-tool");
        await File.WriteAllTextAsync(tool, "#!/bin/sh\necho \"profile tool ran\"\n");
        File.SetUnixFileMode(tool, (UnixFileMode)0b111_101_101);
        await File.WriteAllTextAsync(Path.Combine(tools, "id"), "#!/bin/sh\necho \"profile id shadows the system one\"\n");
        File.SetUnixFileMode(Path.Combine(tools, "id"), (UnixFileMode)0b111_101_101);
        await using var node = await TestNode.StartAsync(c =>
        {
            c.System.ProcessRuntime.ReadOnlyPaths.Add(tools);
            c.System.ProcessRuntime.RuntimeProfiles.Add(new RuntimeProfileConfig
            {
                Image = "ghcr.io/example/tools:*",
                Path = [tools],
                Environment = { ["TOOL_HOME"] = "/opt/tool", ["PICKED"] = "by the profile" },
            });
            var s = c.Servers[0];
            s.Image = "ghcr.io/example/tools:1";
            s.Invocation = "aerie-profile-tool; id; echo \"home=$TOOL_HOME picked=$PICKED\"; echo \"path=$PATH\"; echo END";
            s.Environment["PICKED"] = "by the server";
            s.Done = [];
            s.CrashDetectionEnabled = false;
        });
        await using var console = await node.ConsoleAsync();
        await console.SendAsync(SocketEvents.SetState, PowerActions.Start);
        await console.WaitForConsoleAsync("END", TimeSpan.FromSeconds(20));
        var lines = console.Received.Where(f => f.Event == SocketEvents.ConsoleOutput).Select(f => f.Args![0]).ToList();
        Assert.Contains("profile tool ran", lines);
        Assert.Contains("profile id shadows the system one", lines);
        Assert.Contains("home=/opt/tool picked=by the server", lines);
        Assert.Contains($"path={tools}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", lines);
    }

    public void Dispose()
    {
        if (Directory.Exists(tools))
        {
            Directory.Delete(tools, recursive: true);
        }
    }
}
