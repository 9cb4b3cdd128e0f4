using System.Globalization;

namespace Aerie.Panel.Backups;

/// <summary>The backup refusals of spec 04 §2.8 and spec 07 §6/§8, word for word (clients show them).</summary>
internal static class BackupTexts
{
    public const string TooManyBackupsCode = "TooManyBackupsException";
    public const string LockedCode = "BackupLockedException";
    public const string Locked = "Cannot delete a backup that is marked as locked.";
    public const string NotRestorableState = "This server is not currently in a state that allows for a backup to be restored.";
    public const string NotRestorable = "This backup cannot be restored at this time: not completed or failed.";
    public const string OtherNode = "You do not have permission to access that backup.";
    public const string AlreadyCompleted = "Cannot update the status of a backup that is already marked as completed.";
    public const string SizeRequired = "A non-empty \"size\" query parameter must be provided.";
    public const string CompletedConflict = "This backup is already in a completed state.";
    public const string NotS3 = "The configured backup adapter is not an S3 compatible adapter.";

    public static string Limit(int n) => string.Create(CultureInfo.InvariantCulture, $"Cannot create a new backup, this server has reached its limit of {n} backups.");

    public static string Throttle(int count, int seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"Only {count} backups may be generated within a {seconds} second span of time.");
}
