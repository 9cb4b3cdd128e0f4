using System.Net;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.Tokens;
using Aerie.Node.Backups;
using Aerie.Node.Tests.Support;

namespace Aerie.Node.Tests.Backups;

/// <summary><c>GET /download/backup?token=</c> (spec 06 §6, spec 07 §2) over real HTTP, no bearer.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BackupDownloadTests
{
    [Fact]
    public async Task Download_SignedBackupToken_StreamsTheArchive_OnceOnly_OtherScopesAndBackups404()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await BackupNode.StartAsync(panel);
        ServerTree.Write(node.Server.WorkingDirectory, "world.dat", "the world\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var backup = await BackupNode.BackupAsync(node);
        var report = await BackupNode.ReportAsync(panel, backup);
        using var anonymous = new HttpClient { BaseAddress = node.BaseUri, Timeout = TimeSpan.FromSeconds(20) };
        string Token(string scope, string id) =>
            node.Tokens.MintSignedUrl(node.ServerUuid, scope, new Dictionary<string, object?> { [SignedUrlClaims.BackupUuid] = id, [TokenClaims.UniqueId] = Guid.NewGuid().ToString("N") });

        var token = Token(SignedUrlClaims.BackupDownloadScope, backup);
        using (var response = await anonymous.GetAsync("/download/backup?token=" + Uri.EscapeDataString(token)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal((report.Checksum, report.Size), (ServerTree.Sha1Hex(bytes), (long)bytes.Length));
            Assert.Contains($"filename=\"{backup}.tar.gz\"", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        }
        using (var reused = await anonymous.GetAsync("/download/backup?token=" + Uri.EscapeDataString(token)))
        {
            Assert.Equal(HttpStatusCode.NotFound, reused.StatusCode);
            Assert.Equal(SignedUrlErrors.TokenNotFound, await BackupNode.ErrorAsync(reused));
        }
        using (var wrongScope = await anonymous.GetAsync("/download/backup?token=" + Uri.EscapeDataString(Token(SignedUrlClaims.FileDownloadScope, backup))))
        {
            Assert.Equal(SignedUrlErrors.TokenNotFound, await BackupNode.ErrorAsync(wrongScope));
        }
        foreach (var other in new[] { Guid.NewGuid().ToString(), backup.ToUpperInvariant() })
        {
            using var missing = await anonymous.GetAsync("/download/backup?token=" + Uri.EscapeDataString(Token(SignedUrlClaims.BackupDownloadScope, other)));
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal(BackupErrors.NotFound, await BackupNode.ErrorAsync(missing));
        }

        // The legacy flat layout is found too.
        File.Move(BackupNode.Archive(node, backup), BackupPaths.LegacyArchive(node.Config, backup));
        using var legacy = await anonymous.GetAsync("/download/backup?token=" + Uri.EscapeDataString(Token(SignedUrlClaims.BackupDownloadScope, backup)));
        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
        Assert.Equal(report.Checksum, ServerTree.Sha1Hex(await legacy.Content.ReadAsByteArrayAsync()));
    }
}
