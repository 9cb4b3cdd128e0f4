namespace Aerie.Contracts.Tokens;

/// <summary>Scopes and route claims of the signed-URL tokens (spec 06 §6): the panel mints them, the node's
/// upload and download routes check them. The shared claims (iat, exp, jti, user_uuid, unique_id) are <see cref="TokenClaims"/>.</summary>
public static class SignedUrlClaims
{
    public const string FileUploadScope = "file-upload";
    public const string FileDownloadScope = "file-download";
    public const string BackupDownloadScope = "backup-download";

    public const string FilePath = "file_path";
    public const string BackupUuid = "backup_uuid";

    /// <summary>Lifetime the panel gives every signed URL (15 min).</summary>
    public const int LifetimeSeconds = 900;
}
