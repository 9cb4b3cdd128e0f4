using System.Net;
using System.Net.Http.Json;
using Aerie.Contracts.NodeApi;
using Aerie.Node.Backups;
using Aerie.Node.Tests.Support;

namespace Aerie.Node.Tests.Backups;

/// <summary>The node's backup routes (spec 07 §2): identifiers, adapters, missing archives, the legacy flat layout,
/// deletion, and backups removed with their server.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BackupsApiTests
{
    [Fact]
    public async Task Create_BadIdentifiersAndAdapters_RefusedWithSpecTexts()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await BackupNode.StartAsync(panel);
        var url = $"/api/servers/{node.ServerUuid}/backup";

        async Task Refused(object body, HttpStatusCode status, string error)
        {
            using var response = await node.Http.PostAsJsonAsync(url, body);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(error, await BackupNode.ErrorAsync(response));
        }

        await Refused(new { adapter = "wings", uuid = Guid.NewGuid().ToString().ToUpperInvariant(), ignore = "" }, HttpStatusCode.BadRequest, BackupErrors.InvalidUuid);
        await Refused(new { adapter = "wings", uuid = "../../etc", ignore = "" }, HttpStatusCode.BadRequest, BackupErrors.InvalidUuid);
        await Refused(new { adapter = "ftp", uuid = Guid.NewGuid().ToString(), ignore = "" }, HttpStatusCode.BadRequest, "provided adapter is not valid: ftp");
        await Refused(new { adapter = "s3", uuid = Guid.NewGuid().ToString(), ignore = "" }, HttpStatusCode.BadRequest, BackupErrors.S3NotSupported);
        using var unknown = await node.Http.PostAsJsonAsync($"/api/servers/{Guid.NewGuid()}/backup", new { adapter = "wings", uuid = Guid.NewGuid().ToString() });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(NodeApiErrors.NotFound, await BackupNode.ErrorAsync(unknown));
        Assert.Empty(panel.BackupReports);
    }

    [Fact]
    public async Task Restore_BadRequests_RefusedWithSpecTexts()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await BackupNode.StartAsync(panel);
        var missing = Guid.NewGuid().ToString();

        async Task Refused(string backup, object body, HttpStatusCode status, string error)
        {
            using var response = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/backup/{backup}/restore", body);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(error, await BackupNode.ErrorAsync(response));
        }

        await Refused(missing.ToUpperInvariant(), new { adapter = "wings" }, HttpStatusCode.BadRequest, BackupErrors.InvalidUuid);
        await Refused(missing, new { truncate_directory = true }, HttpStatusCode.BadRequest, "provided adapter is not valid: ");
        await Refused(missing, new { adapter = "s3", download_url = "" }, HttpStatusCode.BadRequest, BackupErrors.DownloadUrlRequired);
        // §5 step 1: the link's shape and where it resolves, before anything is fetched.
        await Refused(missing, new { adapter = "s3", download_url = "not a link" }, HttpStatusCode.BadRequest, RestoreLinkCheck.NotUrl);
        await Refused(missing, new { adapter = "s3", download_url = "ftp://s3.example.com/x.tar.gz" }, HttpStatusCode.BadRequest, RestoreLinkCheck.NotHttp);
        foreach (var blocked in new[] { "127.0.0.1", "10.1.2.3", "[::1]", "169.254.169.254", "100.64.0.1", "198.18.0.5", "[::ffff:192.168.1.1]" })
        {
            await Refused(missing, new { adapter = "s3", download_url = $"http://{blocked}/x.tar.gz" }, HttpStatusCode.BadRequest, RestoreLinkCheck.Blocked);
        }
        await Refused(missing, new { adapter = "s3", download_url = "http://localhost/x.tar.gz" }, HttpStatusCode.BadRequest, RestoreLinkCheck.Blocked);
        // A global address passes these checks and meets the adapter's refusal.
        await Refused(missing, new { adapter = "s3", download_url = "https://93.184.215.14/x.tar.gz" }, HttpStatusCode.BadRequest, BackupErrors.S3NotSupported);
        await Refused(missing, new { adapter = "wings", truncate_directory = true }, HttpStatusCode.NotFound, BackupErrors.NotFound);
        Assert.False(node.Server.IsRestoring);
    }

    [Fact]
    public async Task Restore_S3LinkToAllowlistedPrivateAddress_PassesTheAddressCheck()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await BackupNode.StartAsync(panel, c => c.System.Backups.RestoreHostAllowlist = ["10.0.0.0/8", "127.0.0.1"]);

        foreach (var host in new[] { "10.20.30.40", "127.0.0.1" })
        {
            using var response = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/backup/{Guid.NewGuid()}/restore",
                new { adapter = "s3", download_url = $"http://{host}:9000/bucket/x.tar.gz" });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(BackupErrors.S3NotSupported, await BackupNode.ErrorAsync(response));
        }
        using var other = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/backup/{Guid.NewGuid()}/restore",
            new { adapter = "s3", download_url = "http://192.168.0.10/x.tar.gz" });
        Assert.Equal(RestoreLinkCheck.Blocked, await BackupNode.ErrorAsync(other));
    }

    [Fact]
    public async Task Delete_OneThenMissing_204Then404_LegacyFlatArchiveFoundToo()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await BackupNode.StartAsync(panel);
        ServerTree.Write(node.Server.WorkingDirectory, "a.txt", "a\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var backup = await BackupNode.BackupAsync(node);
        await BackupNode.ReportAsync(panel, backup);
        var archive = BackupNode.Archive(node, backup);

        // A Pterodactyl Wings node kept archives flat in the backup directory: moved there, it is still found.
        var legacy = BackupPaths.LegacyArchive(node.Config, backup);
        File.Move(archive, legacy);
        File.Delete(BackupPaths.Sidecar(archive));
        using (var restore = await BackupNode.RestoreAsync(node, backup, truncate: false))
        {
            Assert.Equal(HttpStatusCode.Accepted, restore.StatusCode);
        }
        Assert.True((await BackupNode.RestoreReportAsync(panel, backup)).Successful);

        using var deleted = await node.Http.DeleteAsync($"/api/servers/{node.ServerUuid}/backup/{backup}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(File.Exists(legacy));
        using var again = await node.Http.DeleteAsync($"/api/servers/{node.ServerUuid}/backup/{backup}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(BackupErrors.NotFound, await BackupNode.ErrorAsync(again));
        using var upper = await node.Http.DeleteAsync($"/api/servers/{node.ServerUuid}/backup/{backup.ToUpperInvariant()}");
        Assert.Equal(HttpStatusCode.BadRequest, upper.StatusCode);
        Assert.Equal(BackupErrors.InvalidUuid, await BackupNode.ErrorAsync(upper));
    }

    [Fact]
    public async Task DeleteAll_AndServerDeletion_RemoveTheServersBackupFolder()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await BackupNode.StartAsync(panel);
        ServerTree.Write(node.Server.WorkingDirectory, "a.txt", "a\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var first = await BackupNode.BackupAsync(node);
        await BackupNode.ReportAsync(panel, first);
        var folder = BackupPaths.ServerFolder(node.Config, node.ServerUuid);
        Assert.True(Directory.Exists(folder));

        using var all = await node.Http.DeleteAsync($"/api/servers/{node.ServerUuid}/deleteAllBackups");
        Assert.Equal(HttpStatusCode.NoContent, all.StatusCode);
        Assert.False(Directory.Exists(folder));

        var second = await BackupNode.BackupAsync(node);
        await BackupNode.ReportAsync(panel, second);
        Assert.True(File.Exists(BackupNode.Archive(node, second)));
        using var gone = await node.Http.DeleteAsync($"/api/servers/{node.ServerUuid}");
        Assert.Equal(HttpStatusCode.NoContent, gone.StatusCode);
        Assert.False(Directory.Exists(folder), "remove_backups_on_server_delete (default true)");
    }
}
