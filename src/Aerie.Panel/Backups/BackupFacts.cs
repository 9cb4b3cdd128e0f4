namespace Aerie.Panel.Backups;

/// <summary>What retention needs to know of one backup, free of the database.</summary>
internal sealed record BackupFacts(Guid Uuid, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, bool IsSuccessful, bool IsLocked, long Bytes)
{
    public bool IsPending => CompletedAt is null;

    public bool IsFailed => CompletedAt is not null && !IsSuccessful;

    /// <summary>Retention may prune it: successful and unlocked (§9 "candidates").</summary>
    public bool IsCandidate => IsSuccessful && CompletedAt is not null && !IsLocked;

    public static BackupFacts Of(Data.Backup b) => new(b.Uuid, b.CreatedAt, b.CompletedAt, b.IsSuccessful, b.IsLocked, b.Bytes);
}
