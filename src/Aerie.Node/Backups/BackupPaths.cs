using Aerie.Node.Configuration;

namespace Aerie.Node.Backups;

/// <summary>Where local archives live (spec 07 §3): <c>&lt;backup_directory&gt;/&lt;server&gt;/&lt;backup&gt;.tar.gz</c> (Pelican's
/// layout), and Pterodactyl Wings' flat <c>&lt;backup_directory&gt;/&lt;backup&gt;.tar.gz</c>, still found so a migrated node
/// keeps its old backups. Both UUIDs are canonical lower-case by the time they get here (the API checks).</summary>
internal static class BackupPaths
{
    public const string ArchiveExtension = ".tar.gz";
    public const string SidecarExtension = ".json";

    public static string Root(NodeConfig config) => Path.GetFullPath(config.System.BackupDirectory);

    public static string ServerFolder(NodeConfig config, string server) => Path.Combine(Root(config), server);

    public static string Archive(NodeConfig config, string server, string backup) => Path.Combine(ServerFolder(config, server), backup + ArchiveExtension);

    public static string LegacyArchive(NodeConfig config, string backup) => Path.Combine(Root(config), backup + ArchiveExtension);

    /// <summary><c>&lt;backup&gt;.json</c> beside its archive.</summary>
    public static string Sidecar(string archive) => archive[..^ArchiveExtension.Length] + SidecarExtension;

    /// <summary>The archive of <paramref name="backup"/>, per-server path first; null when neither exists.</summary>
    public static string? Find(NodeConfig config, string server, string backup)
    {
        var current = Archive(config, server, backup);
        if (File.Exists(current))
        {
            return current;
        }
        var legacy = LegacyArchive(config, backup);
        return File.Exists(legacy) ? legacy : null;
    }

    /// <summary>Deletes an archive and its sidecar; the server's folder goes with its last backup.</summary>
    public static void Delete(NodeConfig config, string server, string archive)
    {
        File.Delete(archive);
        File.Delete(Sidecar(archive));
        var folder = ServerFolder(config, server);
        if (Path.GetDirectoryName(archive) == folder && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
        }
    }
}
