namespace Aerie.Panel.Backups;

/// <summary>Why retention would delete a backup (the preview shows it; the activity entry says "retention").</summary>
internal static class PruneReason
{
    public const string Policy = "policy";
    public const string MaxAge = "max_age";
    public const string MaxTotalBytes = "max_total_bytes";
    public const string Limit = "limit";
}
