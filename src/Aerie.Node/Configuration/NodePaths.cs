namespace Aerie.Node.Configuration;

/// <summary>Where things live under <c>system.data</c>. The daemon's own state sits in <c>.aerie</c>,
/// a name no server UUID can take.</summary>
internal static class NodePaths
{
    public static string StateDirectory(NodeConfig config) => Path.Combine(Path.GetFullPath(config.System.Data), ".aerie");

    public static string ServerDirectory(NodeConfig config, string uuid) => Path.Combine(Path.GetFullPath(config.System.Data), uuid.ToLowerInvariant());

    public static string LogDirectory(NodeConfig config) => Path.Combine(StateDirectory(config), "logs");

    /// <summary>A server's install log (spec 05 §7 step 8), kept until the next install replaces it.</summary>
    public static string InstallLog(NodeConfig config, string uuid) =>
        Path.Combine(Path.GetFullPath(config.System.LogDirectory), "install", uuid.ToLowerInvariant() + ".log");

    /// <summary>Where a server's install script is written while it runs.</summary>
    public static string InstallTemp(NodeConfig config, string uuid) => Path.Combine(Path.GetFullPath(config.System.TmpDirectory), uuid.ToLowerInvariant());

    public static string ActivityFile(NodeConfig config) => Path.Combine(StateDirectory(config), "activity.jsonl");

    /// <summary>Audit records waiting for the panel that did not fit in memory (see <c>ActivitySpool</c>).</summary>
    public static string ActivitySpoolFile(NodeConfig config) => Path.Combine(StateDirectory(config), "activity-pending.jsonl");
}
