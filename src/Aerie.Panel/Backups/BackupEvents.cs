namespace Aerie.Panel.Backups;

/// <summary>The activity names of backups (spec 04 §2.4, spec 07 §6).</summary>
internal static class BackupEvents
{
    public const string Start = "server:backup.start";
    public const string Lock = "server:backup.lock";
    public const string Unlock = "server:backup.unlock";
    public const string Delete = "server:backup.delete";
    public const string Download = "server:backup.download";
    public const string Restore = "server:backup.restore";
    public const string Complete = "server:backup.complete";
    public const string Fail = "server:backup.fail";
    public const string RestoreComplete = "server:backup.restore-complete";

    /// <summary>Pterodactyl writes this one with a dot (<c>server.backup.restore-failed</c>); Aerie keeps the colon of the others.</summary>
    public const string RestoreFailed = "server:backup.restore-failed";
    public const string Retention = "server:backup.retention";

    /// <summary>The <c>reason</c> of a delete that retention made (§9).</summary>
    public const string RetentionReason = "retention";
}
