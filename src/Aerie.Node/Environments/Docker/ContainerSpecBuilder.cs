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
            Env = BuildEnvironment(spec.Environment, gateway),
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

    /// <summary>Docker's MemorySwap is memory + swap; -1 is unlimited swap; 0 leaves the engine default.</summary>
    private static long SwapTotal(long memory, long swap) => memory <= 0 ? 0
        : swap < 0 ? -1
        : memory + swap;

    /// <summary><c>KEY=value</c> entries. Inside a container 127.0.0.1 is the container itself, so a loopback
    /// <c>SERVER_IP</c> is handed over as the bridge gateway, where the host's loopback-bound port is reached.</summary>
    internal static List<string> BuildEnvironment(IReadOnlyDictionary<string, string> variables, string? gateway)
    {
        var env = new List<string>(variables.Count);
        foreach (var (key, original) in variables)
        {
            var value = key == "SERVER_IP" && original == "127.0.0.1" && !string.IsNullOrEmpty(gateway) ? gateway : original;
            if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal) || key.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            {
                throw new EnvironmentException($"Environment variable name '{key}' is not valid for a container");
            }
            env.Add(key + "=" + value);
        }
        return env;
    }
}
