using Aerie.Node.Environments;
using Aerie.Node.Environments.Docker;

namespace Aerie.Docker.Tests;

public sealed class ContainerSpecBuilderTests
{
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
        var create = ContainerSpecBuilder.Build(Spec(), "/srv/x", "1000:1000");

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
        var host = ContainerSpecBuilder.Build(Spec(swap: 512L * 1024 * 1024, oomDisabled: true), "/srv/x", null).HostConfig!;

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
        var host = ContainerSpecBuilder.Build(Spec(swap: -1, cpu: 0, pids: 0), "/srv/x", null).HostConfig!;

        Assert.Equal(-1, host.MemorySwap);
        Assert.Equal(0, host.CPUQuota);
        Assert.Null(host.PidsLimit);
    }

    [Fact]
    public void Build_Ports_PublishedTcpAndUdpOnTheirIps()
    {
        var create = ContainerSpecBuilder.Build(Spec(), "/srv/x", null);

        Assert.Equal(["25565/tcp", "25565/udp", "25566/tcp", "25566/udp"], create.ExposedPorts!.Keys.Order());
        var binding = Assert.Single(create.HostConfig!.PortBindings!["25566/udp"]);
        Assert.Equal(("10.0.0.5", "25566"), (binding.HostIP, binding.HostPort));
    }

    [Fact]
    public void Build_BadVariableName_Throws()
    {
        var spec = Spec() with { Environment = new Dictionary<string, string> { ["A=B"] = "x" } };

        Assert.Throws<EnvironmentException>(() => ContainerSpecBuilder.Build(spec, "/srv/x", null));
    }
}
