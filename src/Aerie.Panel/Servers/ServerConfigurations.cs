using Aerie.Contracts.RemoteApi;
using Aerie.Panel.Data;
using Aerie.Panel.Http;

namespace Aerie.Panel.Servers;

/// <summary>
/// The configuration document a node fetches for a server (spec 03). A server made from an egg gets it from the
/// egg (spec 05 §2–§5): stop, done markers and config files from the egg, the environment of its variables.
/// A raw-command server (no egg) sends its own invocation, environment, done markers and stop as stored.
/// </summary>
internal static class ServerConfigurations
{
    /// <param name="allocations">the server's allocations (<see cref="ServerAllocations.LoadAsync"/>)</param>
    /// <param name="template">the egg server's template (<see cref="ServerTemplates.LoadAsync"/>); null for a raw-command server</param>
    public static ServerConfiguration Of(GameServer s, IReadOnlyList<Allocation> allocations, ServerTemplate? template = null)
    {
        var environment = template is null ? Json.Read<Dictionary<string, string>>(s.EnvironmentJson) : Environment(s, template);
        return new(
            new ServerSettings(
                s.Uuid.ToString(),
                new ServerMeta(s.Name, s.Description),
                s.Suspended,
                environment,
                // The raw template, never pre-expanded: the image's entrypoint expands it (spec 05 §2).
                s.Invocation,
                new BuildSettings(MemoryLimit: s.MemoryMb, CpuLimit: s.CpuPercent, DiskSpace: s.DiskMb),
                new ContainerSettings(s.Image),
                // The egg model has no force_outgoing_ip flag (yet): false.
                ServerAllocations.Config(s, allocations, forceOutgoingIp: false),
                // Nothing to run (no egg, skip_scripts, or an egg without a script): the node reports the install done.
                SkipEggScripts: template is null || s.SkipScripts || string.IsNullOrWhiteSpace(template.Egg.ScriptInstall),
                // Wings' settings.egg: the node enforces the denylist on its file API (spec 06 §5).
                Egg: template is null ? null : new EggSettings(template.Egg.Uuid.ToString(), Json.Read<List<string>>(template.Egg.FileDenylistJson))),
            template is null ? RawProcess(s) : EggProcess(s, template, environment));
    }

    /// <summary>settings.environment of spec 05 §5.4 (the panel's part): each variable's effective value, then STARTUP and the P_SERVER_* keys.
    /// Keys stored with the server that are no variable of its egg (set by an operator or a script writing the row) are
    /// kept; each variable's value wins over a stored copy.</summary>
    public static Dictionary<string, string> Environment(GameServer s, ServerTemplate template)
    {
        var env = Json.Read<Dictionary<string, string>>(s.EnvironmentJson) ?? [];
        foreach (var (key, value) in template.VariableValues())
        {
            env[key] = value;
        }
        return ServerEnvironments.WithPanelKeys(env, s, template.LocationShort, template.Allocations);
    }

    private static ProcessConfiguration RawProcess(GameServer s) => new(
        new StartupConfiguration(Json.Read<List<string>>(s.DoneJson)),
        new StopConfiguration(s.StopType, s.StopValue));

    private static ProcessConfiguration EggProcess(GameServer s, ServerTemplate template, Dictionary<string, string> environment)
    {
        var egg = template.Egg;
        var placeholders = new ConfigPlaceholders(s, environment, template.Primary(s), template.Allocations);
        return new ProcessConfiguration(
            EggProcessConfigurations.Startup(egg.ConfigStartupJson),
            EggProcessConfigurations.Stop(egg.ConfigStop),
            EggProcessConfigurations.Configs(egg.ConfigFilesJson, placeholders));
    }
}
