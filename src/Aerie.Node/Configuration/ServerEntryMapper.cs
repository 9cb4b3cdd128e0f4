using System.Text.Json;
using Aerie.Contracts.RemoteApi;

namespace Aerie.Node.Configuration;

/// <summary>Turns a config-file server into the panel's configuration document, the one model the daemon runs.</summary>
internal static class ServerEntryMapper
{
    public static ServerConfiguration ToConfiguration(this ServerEntry s) => new(
        new ServerSettings(
            s.Uuid,
            new ServerMeta(s.Name, s.Description),
            s.Suspended,
            s.Environment,
            s.Invocation,
            new BuildSettings(s.Limits.Memory, s.Limits.Swap, 500, s.Limits.Cpu, null, s.Limits.Disk, s.Limits.OomDisabled),
            new ContainerSettings(s.Image),
            new Allocations(new AllocationAddress(s.Ip, s.Port), new Dictionary<string, IReadOnlyList<int>>()),
            s.CrashDetectionEnabled,
            Egg: s.FileDenylist.Count == 0 ? null : new EggSettings("", s.FileDenylist)),
        new ProcessConfiguration(new StartupConfiguration(s.Done, s.StripAnsi), new StopConfiguration(s.Stop.Type, s.Stop.Value),
            [.. s.Configs.Select(c => new ConfigFile(c.File, c.Parser,
                [.. c.Replace.Select(r => new ConfigReplacement(r.Match, JsonSerializer.SerializeToElement(r.ReplaceWith), r.IfValue.Length == 0 ? null : r.IfValue))],
                c.CreateFile))]));
}
