using System.Globalization;
using Docker.DotNet.Models;
using EnginePortBinding = Docker.DotNet.Models.PortBinding;

namespace Aerie.Node.Environments.Docker;

/// <summary>Turns an <see cref="EnvironmentSpec"/> into the engine's create-container body.
/// Variables travel only as <c>KEY=value</c> entries and the invocation as one argv element, so
/// nothing a user typed is ever spliced into a shell string here.</summary>
internal static class ContainerSpecBuilder
{
    private const long CpuPeriod = 100_000; // µs; quota = percent of one core × period / 100

    /// <summary>The create body; <paramref name="podman"/> picks the engine's capped log driver. Every port is published
    /// TCP and UDP on its IP with host port = container port (spec 05 §8), <c>0.0.0.0</c> meaning every address; a
    /// <c>127.0.0.1</c> one moves to <paramref name="gateway"/> (the bridge's address on the host) when there is one.</summary>
    public static CreateContainerParameters Build(EnvironmentSpec spec, string hostFolder, ContainerDefaults defaults, bool podman, string? gateway = null)
    {
        // A server without a memory limit of its own still gets one: the node's ceiling.
        var memory = spec.MemoryLimitBytes > 0 ? spec.MemoryLimitBytes : defaults.MemoryCeilingBytes;
        var name = ContainerNames.For(spec.ServerUuid);
        var exposed = new Dictionary<string, EmptyStruct>();
        var bindings = new Dictionary<string, IList<EnginePortBinding>>();
        foreach (var port in spec.Ports)
        {
            var hostIp = HostIp(port.Ip, gateway);
            if (port.Port is < 1 or > 65535)
            {
                continue;
            }
            foreach (var proto in (string[])["tcp", "udp"])
            {
                var key = port.Port.ToString(CultureInfo.InvariantCulture) + "/" + proto;
                exposed[key] = default;
                if (!bindings.TryGetValue(key, out var list))
                {
                    bindings[key] = list = [];
                }
                list.Add(new EnginePortBinding { HostIP = hostIp, HostPort = port.Port.ToString(CultureInfo.InvariantCulture) });
            }
        }

        var host = new HostConfig
        {
            Binds = [hostFolder + ":" + ContainerNames.ContainerHome],
            PortBindings = bindings,
            Memory = memory,
            MemorySwap = SwapTotal(memory, spec.SwapBytes),
            CPUPeriod = spec.CpuLimitPercent > 0 ? CpuPeriod : 0,
            CPUQuota = spec.CpuLimitPercent > 0 ? spec.CpuLimitPercent * CpuPeriod / 100 : 0,
            PidsLimit = spec.PidsLimit > 0 ? spec.PidsLimit : null,
            OomKillDisable = spec.OomDisabled,
            RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.No },
        };
        ContainerHardening.Apply(host, defaults, podman);
        return new CreateContainerParameters
        {
            Name = name,
            Hostname = spec.ServerUuid.Length > 12 ? spec.ServerUuid[..12] : spec.ServerUuid,
            Image = spec.Image,
            User = defaults.User.ToString(),
            Labels = new Dictionary<string, string>
            {
                [ContainerNames.ServerLabel] = spec.ServerUuid,
                [ContainerNames.ManagedLabel] = "true",
            },
            Env = BuildEnvironment(WithPrimary(spec, gateway)),
            Entrypoint = ["/bin/sh", "-c"],
            Cmd = [spec.Invocation],
            WorkingDir = ContainerNames.ContainerHome,
            OpenStdin = true,
            AttachStdin = true,
            AttachStdout = true,
            AttachStderr = true,
            StdinOnce = false,
            Tty = false,
            ExposedPorts = exposed,
            HostConfig = host,
        };
    }

    private static string HostIp(string ip, string? gateway) => ip == "127.0.0.1" && gateway is not null ? gateway : ip;

    /// <summary>SERVER_IP/SERVER_PORT of the primary allocation (spec 05 §5.4), loopback rewritten like its binding,
    /// unless the panel's environment already names them.</summary>
    private static Dictionary<string, string> WithPrimary(EnvironmentSpec spec, string? gateway)
    {
        var env = new Dictionary<string, string>(spec.Environment, StringComparer.Ordinal);
        if (spec.Ports.Count > 0)
        {
            env.TryAdd("SERVER_IP", HostIp(spec.Ports[0].Ip, gateway));
            env.TryAdd("SERVER_PORT", spec.Ports[0].Port.ToString(CultureInfo.InvariantCulture));
        }
        return env;
    }

    /// <summary>Docker's MemorySwap is memory + swap; -1 is unlimited swap; 0 leaves the engine default.</summary>
    private static long SwapTotal(long memory, long swap) => memory <= 0 ? 0
        : swap < 0 ? -1
        : memory + swap;

    private static List<string> BuildEnvironment(Dictionary<string, string> variables)
    {
        var env = new List<string>(variables.Count);
        foreach (var (key, value) in variables)
        {
            if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal) || key.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            {
                throw new EnvironmentException($"Environment variable name '{key}' is not valid for a container");
            }
            env.Add(key + "=" + value);
        }
        return env;
    }
}
