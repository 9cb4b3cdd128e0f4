using Aerie.Node.Environments;
using Aerie.Node.Environments.Docker;

namespace Aerie.Docker.Tests;

public sealed class ContainerSpecBuilderTests
{
    private static readonly ContainerDefaults Defaults = new(new ContainerUser(1000, 1000), "aerie-net", 4 * 1024 * 1024, 8L * 1024 * 1024 * 1024);

    private static EnvironmentSpec Spec(long swap = 0, int cpu = 150, long pids = 256, bool oomDisabled = false) => new(
        "0f1e2d3c-aaaa-bbbb-cccc-000000000001",
        "/srv/x",
        "java -Xmx{{SERVER_MEMORY}}M -jar server.jar",
        new Dictionary<string, string> { ["SERVER_MEMORY"] = "1024", ["EVIL"] = "$(rm -rf /)" },
        "ghcr.io/example/java:21",
        1024L * 1024 * 1024,
        swap,
        cpu,
        pids,
        [new PortBinding("127.0.0.1", 25565), new PortBinding("10.0.0.5", 25566)],
        oomDisabled);

    [Fact]
    public void Build_Spec_NamesLabelsAndRunsInvocationUnderShell()
    {
        var create = ContainerSpecBuilder.Build(Spec(), "/srv/x", Defaults, podman: false);

        Assert.Equal("aerie-0f1e2d3c-aaaa-bbbb-cccc-000000000001", create.Name);
        Assert.Equal("0f1e2d3c-aaaa-bbbb-cccc-000000000001", create.Labels["aerie.server"]);
        Assert.Equal("true", create.Labels["aerie.managed"]);
        Assert.Equal(["/bin/sh", "-c"], create.Entrypoint);
        Assert.Equal(["java -Xmx{{SERVER_MEMORY}}M -jar server.jar"], create.Cmd);
        Assert.Contains("EVIL=$(rm -rf /)", create.Env);
        Assert.Equal("1000:1000", create.User);
        Assert.Equal("/home/container", create.WorkingDir);
        Assert.Equal(["/srv/x:/home/container"], create.HostConfig!.Binds);
        Assert.True(create.OpenStdin && create.AttachStdin && !create.StdinOnce && !create.Tty);
    }

    [Fact]
    public void Build_Limits_MappedToEngineUnits()
    {
        var host = ContainerSpecBuilder.Build(Spec(swap: 512L * 1024 * 1024, oomDisabled: true), "/srv/x", Defaults, podman: false).HostConfig!;

        Assert.Equal(1024L * 1024 * 1024, host.Memory);
        Assert.Equal(1536L * 1024 * 1024, host.MemorySwap);
        Assert.Equal(100_000, host.CPUPeriod);
        Assert.Equal(150_000, host.CPUQuota);
        Assert.Equal(256, host.PidsLimit);
        Assert.True(host.OomKillDisable);
    }

    [Fact]
    public void Build_UnlimitedSwapAndCpu_EngineDefaults()
    {
        var host = ContainerSpecBuilder.Build(Spec(swap: -1, cpu: 0, pids: 0), "/srv/x", Defaults, podman: false).HostConfig!;

        Assert.Equal(-1, host.MemorySwap);
        Assert.Equal(0, host.CPUQuota);
        Assert.Null(host.PidsLimit);
    }

    [Fact]
    public void Build_Ports_PublishedTcpAndUdpOnTheirIps()
    {
        var create = ContainerSpecBuilder.Build(Spec(), "/srv/x", Defaults, podman: false);

        Assert.Equal(["25565/tcp", "25565/udp", "25566/tcp", "25566/udp"], create.ExposedPorts!.Keys.Order());
        var binding = Assert.Single(create.HostConfig!.PortBindings!["25566/udp"]);
        Assert.Equal(("10.0.0.5", "25566"), (binding.HostIP, binding.HostPort));
    }

    [Fact]
    public void Build_LoopbackMovesToGateway_OutOfRangeSkipped_PrimaryInEnvironment()
    {
        // SERVER_IP/SERVER_PORT of the primary, as the node's one environment builder (ServerVariables) puts them in.
        var spec = Spec() with
        {
            Ports = [new PortBinding("127.0.0.1", 25565), new PortBinding("0.0.0.0", 27015), new PortBinding("0.0.0.0", 70000)],
            Environment = new Dictionary<string, string>(Spec().Environment) { ["SERVER_IP"] = "127.0.0.1", ["SERVER_PORT"] = "25565" },
        };

        var create = ContainerSpecBuilder.Build(spec, "/srv/x", Defaults, podman: false, gateway: "172.18.0.1");

        Assert.Equal(["25565/tcp", "25565/udp", "27015/tcp", "27015/udp"], create.ExposedPorts!.Keys.Order());
        Assert.Equal(("172.18.0.1", "25565"), (create.HostConfig!.PortBindings!["25565/tcp"][0].HostIP, create.HostConfig.PortBindings["25565/tcp"][0].HostPort));
        Assert.Equal("0.0.0.0", Assert.Single(create.HostConfig.PortBindings["27015/udp"]).HostIP);
        Assert.Contains("SERVER_IP=172.18.0.1", create.Env);
        Assert.Contains("SERVER_PORT=25565", create.Env);
        // Without a gateway (Podman) loopback stays loopback.
        var rootless = ContainerSpecBuilder.Build(spec, "/srv/x", Defaults, podman: true);
        Assert.Equal("127.0.0.1", rootless.HostConfig!.PortBindings!["25565/udp"][0].HostIP);
        Assert.Contains("SERVER_IP=127.0.0.1", rootless.Env);
    }

    [Fact]
    public void Build_BadVariableName_Throws()
    {
        var spec = Spec() with { Environment = new Dictionary<string, string> { ["A=B"] = "x" } };

        Assert.Throws<EnvironmentException>(() => ContainerSpecBuilder.Build(spec, "/srv/x", Defaults, podman: false));
    }

    [Fact]
    public void Build_Hardening_AllCapabilitiesDroppedNoNewPrivilegesOwnNetwork()
    {
        var host = ContainerSpecBuilder.Build(Spec(), "/srv/x", Defaults, podman: false).HostConfig!;

        Assert.Equal(["ALL"], host.CapDrop);
        Assert.Empty(host.CapAdd!);
        Assert.Equal(["no-new-privileges"], host.SecurityOpt);
        Assert.Equal("aerie-net", host.NetworkMode);
        Assert.Equal("0", host.Sysctls!["net.ipv4.ip_unprivileged_port_start"]);
        Assert.True(host.ReadonlyRootfs);
        Assert.Equal("rw,exec,nosuid,nodev,size=100m", host.Tmpfs!["/tmp"]);
    }

    [Fact]
    public void Build_MemoryZero_GetsTheNodeCeiling()
    {
        var spec = Spec(swap: 0) with { MemoryLimitBytes = 0 };

        var host = ContainerSpecBuilder.Build(spec, "/srv/x", Defaults, podman: false).HostConfig!;

        Assert.Equal(8L * 1024 * 1024 * 1024, host.Memory);
        Assert.Equal(8L * 1024 * 1024 * 1024, host.MemorySwap); // no swap on top of the ceiling
    }

    [Theory]
    [InlineData(false, "json-file", "2097152", "2")]
    [InlineData(true, "k8s-file", "4194304", null)]
    public void Build_LogDriver_CappedInBytesPerEngine(bool podman, string driver, string maxSize, string? maxFile)
    {
        var log = ContainerSpecBuilder.Build(Spec(), "/srv/x", Defaults, podman).HostConfig!.LogConfig!;

        Assert.Equal(driver, log.Type);
        Assert.Equal(maxSize, log.Config["max-size"]);
        Assert.Equal(maxFile, log.Config.TryGetValue("max-file", out var files) ? files : null);
    }

    [Theory]
    [InlineData("988:988", true)]
    [InlineData("0:0", true)]
    [InlineData("2147483647:1", true)]
    [InlineData("2147483648:1", false)]
    [InlineData("4294967295:1", false)]
    [InlineData("games", false)]
    [InlineData("988", false)]
    [InlineData("988:988:1", false)]
    [InlineData("-1:5", false)]
    [InlineData(" 988:988", false)]
    public void ContainerUser_TryParse_NumericUidGidOnly(string text, bool valid)
    {
        Assert.Equal(valid, ContainerUser.TryParse(text, out var user));
        if (valid)
        {
            Assert.Equal(text, user.ToString());
        }
    }

    [Fact]
    public void Build_LoopbackServerIp_BecomesTheBridgeGateway()
    {
        var spec = Spec() with { Environment = new Dictionary<string, string> { ["SERVER_IP"] = "127.0.0.1", ["OTHER"] = "127.0.0.1" } };
        var create = ContainerSpecBuilder.Build(spec, "/srv/x", Defaults, podman: false, gateway: "10.89.0.1");
        Assert.Contains("SERVER_IP=10.89.0.1", create.Env);
        Assert.Contains("OTHER=127.0.0.1", create.Env);
        var other = Spec() with { Environment = new Dictionary<string, string> { ["SERVER_IP"] = "10.0.0.5" } };
        Assert.Contains("SERVER_IP=10.0.0.5", ContainerSpecBuilder.Build(other, "/srv/x", Defaults, podman: false, gateway: "10.89.0.1").Env);
    }
}
