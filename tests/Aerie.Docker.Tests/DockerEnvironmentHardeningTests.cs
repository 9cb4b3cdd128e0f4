using System.Diagnostics;
using Aerie.Docker.Tests.Support;
using Aerie.Node.Environments;
using Aerie.Node.Environments.Docker;
using Docker.DotNet.Models;

namespace Aerie.Docker.Tests;

/// <summary>The container defaults (user, capabilities, log cap, network, memory ceiling) as the engine reports
/// and enforces them. Each test performs what the defaults forbid and checks it fails.</summary>
public sealed class DockerEnvironmentHardeningTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    // The engine's default set a container would otherwise keep (Docker's and Podman's lists agree).
    private static readonly string[] DefaultCapabilities =
    [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ];

    [Fact]
    public async Task Start_Defaults_SettingsReadBackFromEngine()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();

        // Memory 0 is "unlimited" in the panel: the container still gets the node's ceiling.
        await environment.StartAsync(server.Spec("echo ready; sleep 30", memoryMiB: 0), CancellationToken.None);
        await server.Output.WaitForTextAsync("ready", Wait);
        var inspected = await EngineInspector.ContainerAsync(server.Uuid);

        var host = inspected.HostConfig!;
        Assert.Equal("988:988", inspected.Config!.User);
        Assert.Empty(host.CapAdd ?? []);
        // Docker reports the request (ALL); Podman reports the capabilities it removed.
        Assert.True(host.CapDrop!.Contains("ALL") || DefaultCapabilities.All(c => host.CapDrop.Contains(c)), "CapDrop: " + string.Join(",", host.CapDrop));
        Assert.Contains("no-new-privileges", host.SecurityOpt!);
        Assert.True(host.ReadonlyRootfs);
        Assert.Contains("size=100m", host.Tmpfs!["/tmp"], StringComparison.Ordinal);
        Assert.Equal(HostMemory.TotalBytes(), host.Memory);
        Assert.Equal(64, host.PidsLimit);
        // Podman's NetworkMode says "bridge" for any bridge network; the attachment itself names it.
        Assert.Equal([ContainerDefaults.DefaultNetwork], inspected.NetworkSettings!.Networks!.Keys);
        var network = await EngineInspector.NetworkAsync(ContainerDefaults.DefaultNetwork);
        Assert.Equal("true", network.Labels!["aerie.managed"]);
        var driver = await EngineInspector.LogDriverAsync(server.Uuid);
        Assert.Contains(driver, (string[])["k8s-file", "json-file"]);
    }

    [Fact]
    public async Task Start_Game_RunsAsUnprivilegedUserWithoutCapabilities()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();
        // Left by the daemon (root) before the start: the game must still be able to append to it.
        Directory.CreateDirectory(Path.Combine(server.Folder, "world"));
        await File.WriteAllTextAsync(Path.Combine(server.Folder, "world", "level.dat"), "old\n");

        await environment.StartAsync(server.Spec(
            "echo uid=$(id -u) gid=$(id -g); grep -E '^Cap(Prm|Eff|Bnd)' /proc/self/status;"
            + " (echo evil > /bin/evil) 2>/dev/null && echo root-path-written || echo root-path-denied;"
            + " (chown 0:0 /home/container/world) 2>/dev/null && echo chown-done || echo chown-denied;"
            + " echo new >> /home/container/world/level.dat && echo game-file-written; echo finished"), CancellationToken.None);
        await server.Output.WaitForExitAsync(Wait);

        var text = server.Output.Text;
        Assert.Contains("uid=988 gid=988", text, StringComparison.Ordinal);
        Assert.Contains("CapPrm:\t0000000000000000", text, StringComparison.Ordinal);
        Assert.Contains("CapEff:\t0000000000000000", text, StringComparison.Ordinal);
        Assert.Contains("CapBnd:\t0000000000000000", text, StringComparison.Ordinal);
        Assert.Contains("root-path-denied", text, StringComparison.Ordinal);
        Assert.Contains("chown-denied", text, StringComparison.Ordinal);
        Assert.Contains("game-file-written", text, StringComparison.Ordinal);
        Assert.Equal("old\nnew\n", await File.ReadAllTextAsync(Path.Combine(server.Folder, "world", "level.dat")));
        Assert.Equal("988:988", Owner(Path.Combine(server.Folder, "world", "level.dat")));
    }

    [Fact]
    public async Task Start_GameFillsTmp_StopsAtTmpfsSizeOnReadOnlyImage()
    {
        await using var server = new TestServer(container: ContainerDefaults.Standard with { TmpfsMiB = 8 });
        var environment = server.NewEnvironment();

        await environment.StartAsync(server.Spec(
            "awk '$2 == \"/\" { print \"root-mount=\" substr($4, 1, 2) }' /proc/mounts;"
            + " dd if=/dev/zero of=/tmp/fill bs=1048576 count=20 2>/dev/null || echo tmp-full; echo tmp-bytes=$(wc -c < /tmp/fill)",
            memoryMiB: 64), CancellationToken.None);
        await server.Output.WaitForExitAsync(Wait);

        var text = server.Output.Text;
        Assert.Contains("root-mount=ro", text, StringComparison.Ordinal);
        Assert.Contains("tmp-full", text, StringComparison.Ordinal);
        Assert.Contains($"tmp-bytes={8 * 1024 * 1024}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_GameListensBelow1024_BindsWithoutCapabilities()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();

        await environment.StartAsync(server.Spec("nc -l -p 99 & pid=$!; sleep 1; kill -0 $pid 2>/dev/null && echo bound || echo refused"), CancellationToken.None);
        await server.Output.WaitForExitAsync(Wait);

        Assert.Contains("bound", server.Output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ChattyGame_EngineLogFileStaysUnderCap()
    {
        const long cap = 256 * 1024;
        await using var server = new TestServer(container: ContainerDefaults.Standard with { LogMaxBytes = cap });
        var environment = server.NewEnvironment();

        // About 2 MB of output, eight times the cap.
        await environment.StartAsync(server.Spec("i=0; while [ $i -lt 20000 ]; do echo \"line $i of a game that will not stop talking\"; i=$((i+1)); done; echo done"), CancellationToken.None);
        await server.Output.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var inspected = await EngineInspector.ContainerAsync(server.Uuid);

        Assert.False(string.IsNullOrEmpty(inspected.LogPath), "the engine reports no log file");
        var size = new FileInfo(inspected.LogPath).Length;
        Assert.InRange(size, 1, cap);
    }

    [Fact]
    public async Task Start_NetworkOfThatNameNotAerie_Refused()
    {
        var name = "aerie-foreign-" + Guid.NewGuid().ToString("N")[..8];
        using var timeout = new CancellationTokenSource(Wait);
        using var engine = await DockerEngine.ConnectAsync(TestEngine.SocketPath, null, timeout.Token);
        await engine.Client.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = name, Driver = "bridge" }, timeout.Token);
        try
        {
            await using var server = new TestServer(container: ContainerDefaults.Standard with { NetworkName = name });
            var environment = server.NewEnvironment();

            var e = await Assert.ThrowsAsync<EnvironmentException>(() => environment.StartAsync(server.Spec("echo should-not-run"), CancellationToken.None));

            Assert.Contains($"A network named {name} exists but was not created by Aerie", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("should-not-run", server.Output.Text, StringComparison.Ordinal);
        }
        finally
        {
            await engine.Client.Networks.DeleteNetworkAsync(name, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Start_NetworkMissing_CreatedLabelledAndUsed()
    {
        var name = "aerie-new-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await using var server = new TestServer(container: ContainerDefaults.Standard with { NetworkName = name });
            var environment = server.NewEnvironment();

            await environment.StartAsync(server.Spec("echo ready"), CancellationToken.None);
            await server.Output.WaitForExitAsync(Wait);

            var network = await EngineInspector.NetworkAsync(name);
            Assert.Equal("true", network.Labels!["aerie.managed"]);
            Assert.Equal([name], (await EngineInspector.ContainerAsync(server.Uuid)).NetworkSettings!.Networks!.Keys);
        }
        finally
        {
            using var engine = await DockerEngine.ConnectAsync(TestEngine.SocketPath, null, CancellationToken.None);
            await engine.Client.Networks.DeleteNetworkAsync(name, CancellationToken.None);
        }
    }

    /// <summary>uid:gid of a file as the host sees it (no BCL call reads a file's owner).</summary>
    private static string Owner(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%u:%g", path]) { RedirectStandardOutput = true })!;
        var owner = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return owner;
    }
}
