using Aerie.Contracts.RemoteApi;
using Aerie.Panel.Data;
using Aerie.Panel.Http;

namespace Aerie.Panel.Servers;

/// <summary>The configuration document a node fetches for a server (spec 03).</summary>
internal static class ServerConfigurations
{
    public static ServerConfiguration Of(GameServer s) => new(
        new ServerSettings(
            s.Uuid.ToString(),
            new ServerMeta(s.Name, s.Description),
            s.Suspended,
            Json.Read<Dictionary<string, string>>(s.EnvironmentJson),
            s.Invocation,
            new BuildSettings(MemoryLimit: s.MemoryMb, CpuLimit: s.CpuPercent, DiskSpace: s.DiskMb),
            new ContainerSettings(s.Image),
            new Aerie.Contracts.RemoteApi.Allocations(new AllocationAddress("0.0.0.0", 0), new Dictionary<string, IReadOnlyList<int>>())),
        new ProcessConfiguration(
            new StartupConfiguration(Json.Read<List<string>>(s.DoneJson)),
            new StopConfiguration(s.StopType, s.StopValue)));
}
