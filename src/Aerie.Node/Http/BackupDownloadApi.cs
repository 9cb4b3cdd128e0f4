using Aerie.Contracts.Tokens;
using Aerie.Node.Backups;
using Aerie.Node.Configuration;
using Aerie.Node.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Node.Http;

/// <summary><c>GET /download/backup?token=</c> (spec 06 §6, spec 07 §2): no bearer, a signed <c>backup-download</c> token
/// is the credential. Any token failure is the signed routes' one 404; a <c>backup_uuid</c> that is not canonical or
/// names no archive here (per-server or legacy flat path) is 404 <c>The requested backup was not found on this server.</c></summary>
internal static class BackupDownloadApi
{
    public static IEndpointRouteBuilder MapBackupDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet("/download/backup", DownloadAsync);
        return app;
    }

    private static async Task DownloadAsync(HttpContext http, SignedUrlValidator validator, NodeConfig config)
    {
        if (await validator.ValidateAsync(http.Request, SignedUrlClaims.BackupDownloadScope) is not { } url)
        {
            await SignedUrlValidator.NotFound.ExecuteAsync(http);
            return;
        }
        if (url.BackupUuid() is not { } backup || BackupPaths.Find(config, url.Server.Uuid, backup) is not { } archive)
        {
            await SignedUrlValidator.BackupNotFound.ExecuteAsync(http);
            return;
        }
        FileStream file;
        try
        {
            file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        }
        catch (FileNotFoundException)
        {
            await SignedUrlValidator.BackupNotFound.ExecuteAsync(http); // deleted between the look-up and the open
            return;
        }
        await SignedDownloadApi.SendAsync(http, file, file.Length, backup + BackupPaths.ArchiveExtension);
    }
}
