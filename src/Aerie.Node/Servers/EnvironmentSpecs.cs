using Aerie.Contracts.RemoteApi;
using Aerie.Node.Configuration;
using Aerie.Node.Environments;

namespace Aerie.Node.Servers;

/// <summary>What the runtime is asked to run, from the server's settings and the node config.</summary>
internal static class EnvironmentSpecs
{
    public static EnvironmentSpec For(string uuid, string workingDirectory, ServerConfiguration configuration, NodeConfig config)
    {
        var s = configuration.Settings;
        var ports = new List<PortBinding> { new(s.Allocations.Default.Ip, s.Allocations.Default.Port) };
        foreach (var (ip, list) in s.Allocations.Mappings)
        {
            ports.AddRange(list.Where(p => p != s.Allocations.Default.Port || ip != s.Allocations.Default.Ip).Select(p => new PortBinding(ip, p)));
        }
        // Port 0 = no allocation (a config-file server without `port:`): nothing to publish; nor anything outside
        // 1-65535 (spec 05 §8), which no runtime could bind.
        ports.RemoveAll(p => p.Port is < 1 or > 65535);
        return new EnvironmentSpec(uuid, workingDirectory, s.Invocation, ServerVariables.Build(s, config), s.Container.Image,
            s.Build.MemoryLimit * 1024 * 1024, s.Build.Swap * 1024 * 1024, s.Build.CpuLimit, config.Docker.ContainerPidLimit, ports, s.Build.OomDisabled,
            s.Build.DiskSpace * 1024 * 1024);
    }
}
