using Aerie.Contracts.RemoteApi;
using Aerie.Panel.Data;
using Aerie.Panel.Http;

namespace Aerie.Panel.Servers;

/// <summary>The configuration document a node fetches for a server (spec 03).</summary>
internal static class ServerConfigurations
{
    /// <param name="allocations">the server's allocations (<see cref="ServerAllocations.LoadAsync"/>)</param>
    public static ServerConfiguration Of(GameServer s, IReadOnlyList<Allocation> allocations) => new(
        new ServerSettings(
            s.Uuid.ToString(),
            new ServerMeta(s.Name, s.Description),
            s.Suspended,
            Json.Read<Dictionary<string, string>>(s.EnvironmentJson),
            s.Invocation,
            new BuildSettings(MemoryLimit: s.MemoryMb, CpuLimit: s.CpuPercent, DiskSpace: s.DiskMb),
            new ContainerSettings(s.Image),
            // The egg model has no force_outgoing_ip flag (yet): false.
            ServerAllocations.Config(s, allocations, forceOutgoingIp: false)),
        new ProcessConfiguration(
            new StartupConfiguration(Json.Read<List<string>>(s.DoneJson)),
            new StopConfiguration(s.StopType, s.StopValue)));
}
