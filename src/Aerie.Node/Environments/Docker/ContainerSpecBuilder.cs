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

    // Capabilities a game server has no use for; the rest of the engine's default set stays.
    private static readonly string[] DroppedCapabilities = ["NET_RAW", "MKNOD", "AUDIT_WRITE", "SYS_CHROOT", "SETFCAP"];

    public static CreateContainerParameters Build(EnvironmentSpec spec, string hostFolder, string? user)
    {
        var name = ContainerNames.For(spec.ServerUuid);
        var exposed = new Dictionary<string, EmptyStruct>();
        var bindings = new Dictionary<string, IList<EnginePortBinding>>();
        foreach (var port in spec.Ports)
        {
            foreach (var proto in (string[])["tcp", "udp"])
            {
                var key = port.Port.ToString(CultureInfo.InvariantCulture) + "/" + proto;
                exposed[key] = default;
                if (!bindings.TryGetValue(key, out var list))
                {
                    bindings[key] = list = [];
                }
                list.Add(new EnginePortBinding { HostIP = port.Ip, HostPort = port.Port.ToString(CultureInfo.InvariantCulture) });
            }
        }

        return new CreateContainerParameters
        {
            Name = name,
            Hostname = spec.ServerUuid.Length > 12 ? spec.ServerUuid[..12] : spec.ServerUuid,
            Image = spec.Image,
            User = user ?? "",
            Labels = new Dictionary<string, string>
            {
                [ContainerNames.ServerLabel] = spec.ServerUuid,
                [ContainerNames.ManagedLabel] = "true",
            },
            Env = BuildEnvironment(spec.Environment),
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
            HostConfig = new HostConfig
            {
                Binds = [hostFolder + ":" + ContainerNames.ContainerHome],
                PortBindings = bindings,
                Memory = spec.MemoryLimitBytes > 0 ? spec.MemoryLimitBytes : 0,
                MemorySwap = SwapTotal(spec),
                CPUPeriod = spec.CpuLimitPercent > 0 ? CpuPeriod : 0,
                CPUQuota = spec.CpuLimitPercent > 0 ? spec.CpuLimitPercent * CpuPeriod / 100 : 0,
                PidsLimit = spec.PidsLimit > 0 ? spec.PidsLimit : null,
                OomKillDisable = spec.OomDisabled,
                SecurityOpt = ["no-new-privileges"],
                CapDrop = DroppedCapabilities,
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.No },
            },
        };
    }

    /// <summary>Docker's MemorySwap is memory + swap; -1 is unlimited swap; 0 leaves the engine default.</summary>
    private static long SwapTotal(EnvironmentSpec spec) => spec.MemoryLimitBytes <= 0 ? 0
        : spec.SwapBytes < 0 ? -1
        : spec.MemoryLimitBytes + spec.SwapBytes;

    private static List<string> BuildEnvironment(IReadOnlyDictionary<string, string> variables)
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
