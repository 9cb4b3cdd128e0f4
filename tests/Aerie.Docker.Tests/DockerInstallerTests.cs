using System.Collections.Concurrent;
using System.Diagnostics;
using Aerie.Contracts.RemoteApi;
using Aerie.Docker.Tests.Support;
using Aerie.Node.Configuration;
using Aerie.Node.Environments.Docker;
using Aerie.Node.Servers;
using Docker.DotNet.Models;

namespace Aerie.Docker.Tests;

/// <summary>The docker runtime's installer (spec 05 §7 steps 6–8) against the real engine (Podman) and the local
/// busybox test image: the container it makes, the output it reads, the exit code, the failures and the clean-up.</summary>
public sealed class DockerInstallerTests : IAsyncLifetime
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "aerie-docker-install-tests", Guid.NewGuid().ToString("N"));
    private readonly string uuid = Guid.NewGuid().ToString();
    private readonly ConcurrentQueue<string> output = new();
    private DockerEngine engine = null!;

    private string Server => Path.Combine(root, "data", uuid);
    private string ScriptFolder => Path.Combine(root, "tmp", uuid);

    public async Task InitializeAsync() => engine = await DockerEngine.ConnectAsync(TestEngine.SocketPath, null, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (await ContainerOperations.InspectOrNullAsync(engine, DockerInstaller.ContainerName(uuid), CancellationToken.None) is { } left)
        {
            await ContainerOperations.ForceRemoveAsync(engine, left, CancellationToken.None);
        }
        engine.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // files the container's root wrote; the temp folder is throwaway
        }
    }

    private DockerInstaller Installer(long memoryMiB = 1024, int cpu = 100) =>
        new(new DockerRuntimeOptions(TestEngine.SocketPath, Path.Combine(root, "data")), new InstallerLimitsConfig { Memory = memoryMiB, Cpu = cpu }, TimeProvider.System);

    private InstallRequest Request(string script, string image = TestEngine.Image, Dictionary<string, string>? environment = null)
    {
        Directory.CreateDirectory(Server);
        Directory.CreateDirectory(ScriptFolder);
        File.WriteAllText(Path.Combine(ScriptFolder, ServerInstall.ScriptFile), script);
        return new InstallRequest(uuid, Server, false, new InstallScript(image, "sh", script), ScriptFolder,
            environment ?? new Dictionary<string, string> { ["SERVER_IP"] = "127.0.0.1", ["SERVER_PORT"] = "25565", ["GAME"] = "$(not run)" },
            64L * 1024 * 1024, 50, 0, output.Enqueue);
    }

    [Fact]
    public async Task Install_RunsScriptAsRootWithMountsAndEnvironment_OutputRead_ContainerRemoved()
    {
        const string script = """
            echo "host=$(hostname) uid=$(id -u) ip=$SERVER_IP port=$SERVER_PORT game=$GAME"
            ls /mnt/install
            echo "written by the installer" > /mnt/server/config.txt
            echo "to stderr" >&2
            """;
        var outcome = await Installer().InstallAsync(Request(script), CancellationToken.None);

        Assert.Equal(InstallOutcome.Exited(0), outcome);
        var gateway = await ContainerNetwork.GatewayAsync(engine, ContainerDefaults.DefaultNetwork, CancellationToken.None);
        Assert.False(string.IsNullOrEmpty(gateway));
        Assert.Contains($"host=installer uid=0 ip={gateway} port=25565 game=$(not run)", output);
        Assert.Contains(ServerInstall.ScriptFile, output);
        Assert.Contains("to stderr", output);
        Assert.Equal("written by the installer\n", await File.ReadAllTextAsync(Path.Combine(Server, "config.txt")));
        Assert.Null(await ContainerOperations.InspectOrNullAsync(engine, DockerInstaller.ContainerName(uuid), CancellationToken.None));
    }

    [Fact]
    public void Build_LabelsLimitsMountsCommand()
    {
        var create = Installer().Build(Request("true") with { MemoryLimitBytes = 4096L * 1024 * 1024, CpuLimitPercent = 50 }, TestEngine.Image,
            ContainerDefaults.Standard, "10.88.0.1", podman: true);
        Assert.Equal(uuid + "_installer", create.Name);
        Assert.Equal("installer", create.Hostname);
        Assert.Equal(["sh", "/mnt/install/install.sh"], create.Cmd);
        Assert.Equal(("Aerie", "server_installer"), (create.Labels["Service"], create.Labels["ContainerType"]));
        Assert.Equal("0:0", create.User);
        Assert.Equal([Server + ":/mnt/server", ScriptFolder + ":/mnt/install"], create.HostConfig!.Binds);
        Assert.StartsWith("rw,exec,nosuid,size=", create.HostConfig.Tmpfs!["/tmp"], StringComparison.Ordinal);
        // The larger of the server's and the installer's limits; no PID limit.
        Assert.Equal(4096L * 1024 * 1024, create.HostConfig.Memory);
        Assert.Equal(100 * 100_000 / 100, create.HostConfig.CPUQuota);
        Assert.Null(create.HostConfig.PidsLimit);
        Assert.Contains("SERVER_IP=10.88.0.1", create.Env);
        // A server without a CPU limit installs without one; an installer limit of 0 means none either.
        Assert.Equal(0, Installer().Build(Request("true") with { CpuLimitPercent = 0 }, TestEngine.Image, ContainerDefaults.Standard, null, true).HostConfig!.CPUQuota);
        Assert.Equal(0, Installer(cpu: 0).Build(Request("true"), TestEngine.Image, ContainerDefaults.Standard, null, true).HostConfig!.CPUQuota);
        Assert.Equal(1024L * 1024 * 1024, Installer().Build(Request("true"), TestEngine.Image, ContainerDefaults.Standard, null, true).HostConfig!.Memory);
    }

    [Fact]
    public async Task NonZeroExit_ReturnedAsTheExitCode()
    {
        var outcome = await Installer().InstallAsync(Request("echo failing; exit 7"), CancellationToken.None);
        Assert.Equal(InstallOutcome.Exited(7), outcome);
        Assert.Contains("failing", output);
    }

    [Fact]
    public async Task LocalImage_TildeNeverPulled_MissingOneFailsClearly()
    {
        Assert.Equal(InstallOutcome.Exited(0), await Installer().InstallAsync(Request("true", "~" + TestEngine.Image), CancellationToken.None));
        var missing = await Installer().InstallAsync(Request("true", "~localhost/aerie-not-here:1"), CancellationToken.None);
        Assert.Contains("is not on this node", missing.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnpullableImage_FailsInBoundedTime()
    {
        var clock = Stopwatch.StartNew();
        var outcome = await Installer().InstallAsync(Request("true", "localhost:1/aerie/not-there:1"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Null(outcome.ExitCode);
        Assert.Contains("could not be pulled", outcome.Failure, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Cancelled_ContainerKilledAndRemoved()
    {
        using var cts = new CancellationTokenSource();
        var run = Installer().InstallAsync(Request("echo hanging; sleep 600"), cts.Token);
        await Eventually.TrueAsync(() => output.Contains("hanging"), "the script to run", TimeSpan.FromSeconds(60));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Null(await ContainerOperations.InspectOrNullAsync(engine, DockerInstaller.ContainerName(uuid), CancellationToken.None));
    }

    [Fact]
    public async Task OldInstallerContainer_RemovedFirst()
    {
        var old = await engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = DockerInstaller.ContainerName(uuid),
            Image = TestEngine.Image,
            Cmd = ["true"],
            Labels = new Dictionary<string, string> { [ContainerNames.ServerLabel] = uuid, [ContainerNames.ManagedLabel] = "true" },
        });
        Assert.Equal(InstallOutcome.Exited(0), await Installer().InstallAsync(Request("echo again"), CancellationToken.None));
        Assert.Contains("again", output);
        await Assert.ThrowsAsync<global::Docker.DotNet.DockerContainerNotFoundException>(() => engine.Client.Containers.InspectContainerAsync(old.ID));
    }
}
