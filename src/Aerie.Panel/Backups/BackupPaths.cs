namespace Aerie.Panel.Backups;

/// <summary>The node's backup routes (spec 07 §2).</summary>
internal static class BackupPaths
{
    public const string LocalDisk = "wings";

    public static string Create(Guid server) => $"/api/servers/{server}/backup";

    public static string Restore(Guid server, Guid backup) => $"/api/servers/{server}/backup/{backup}/restore";

    public static string Delete(Guid server, Guid backup) => $"/api/servers/{server}/backup/{backup}";
}
