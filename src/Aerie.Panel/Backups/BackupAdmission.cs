using Aerie.Panel.Data;

namespace Aerie.Panel.Backups;

/// <summary>What <see cref="BackupService.AdmitAsync"/> decided: the stored pending backup, or the throttle's wait in seconds.</summary>
internal sealed record BackupAdmission(Backup? Backup, int? RetryAfterSeconds);
