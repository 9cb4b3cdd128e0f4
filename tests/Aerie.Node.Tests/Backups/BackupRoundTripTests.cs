using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.Permissions;
using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Backups;
using Aerie.Node.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Node.Tests.Backups;

/// <summary>Spec 07 §3-§5 end to end on a real node over real HTTP, the panel's remote API a stand-in.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BackupRoundTripTests
{
    private const UnixFileMode Rw = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
    private const UnixFileMode Rwx = Rw | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute | UnixFileMode.OtherRead;

    private static void Original(string root)
    {
        ServerTree.Write(root, "server.properties", "motd=hello\n", Rw);
        ServerTree.Write(root, "start.sh", "#!/bin/sh\necho hi\n", Rwx, new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        ServerTree.Write(root, "world/region/r.0.0.mca", new string('x', 50_000), Rw);
        ServerTree.Write(root, "logs/latest.log", "ignored\n", Rw);
        ServerTree.Write(root, "cache.tmp", "ignored too\n", Rw);
        ServerTree.Write(root, "plugins/keep.tmp.d/inside.txt", "kept: the pattern names files\n", Rw);
        Directory.CreateDirectory(Path.Combine(root, "empty/nested"));
        File.CreateSymbolicLink(Path.Combine(root, "current-world"), "world/region");
    }

    [Fact]
    public async Task Backup_WithIgnoreList_RestoredOverChangedFolder_GivesBackOriginalFiles()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await BackupNode.StartAsync(panel);
        var root = node.Server.WorkingDirectory;
        Original(root);
        var expected = ServerTree.Snapshot(root);
        expected.Remove("logs/");
        expected.Remove("logs/latest.log");
        expected.Remove("cache.tmp");
        await using var reader = await node.ConsoleAsync([Permission.WebsocketConnect, Permission.BackupRead]);
        await using var blind = await node.ConsoleAsync([Permission.WebsocketConnect]);

        var backup = await BackupNode.BackupAsync(node, "logs/\n*.tmp\n");
        var report = await BackupNode.ReportAsync(panel, backup);

        // The report and event carry the archive's SHA-1 and size; the sidecar records both digests (0600, folder 0700).
        var archive = BackupNode.Archive(node, backup);
        var bytes = await File.ReadAllBytesAsync(archive);
        Assert.True(report.Successful);
        Assert.Equal(("sha1", ServerTree.Sha1Hex(bytes), (long)bytes.Length), (report.ChecksumType, report.Checksum, report.Size));
        Assert.Null(report.Parts);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(archive));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(archive)!));
        var sidecar = JsonDocument.Parse(await File.ReadAllTextAsync(BackupPaths.Sidecar(archive))).RootElement;
        Assert.Equal(report.Checksum, sidecar.GetProperty("sha1").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), sidecar.GetProperty("sha256").GetString());
        Assert.Equal(bytes.Length, sidecar.GetProperty("size").GetInt64());
        var completed = await reader.WaitForAsync(SocketEvents.BackupCompleted);
        var payload = JsonDocument.Parse(Assert.Single(completed.Args!)).RootElement;
        Assert.Equal((report.Checksum, "sha1", bytes.Length, true, backup),
            (payload.GetProperty("checksum").GetString(), payload.GetProperty("checksum_type").GetString(), payload.GetProperty("file_size").GetInt64(),
                payload.GetProperty("is_successful").GetBoolean(), payload.GetProperty("uuid").GetString()));
        Assert.DoesNotContain(await blind.CollectAsync(TimeSpan.FromMilliseconds(300)), f => f.Event == SocketEvents.BackupCompleted);

        // Changed meanwhile: a file edited, one deleted, one added, the empty folder filled, the link repointed.
        await File.WriteAllTextAsync(Path.Combine(root, "server.properties"), "motd=changed\n");
        File.Delete(Path.Combine(root, "start.sh"));
        await File.WriteAllTextAsync(Path.Combine(root, "new-file.txt"), "added later\n");
        await File.WriteAllTextAsync(Path.Combine(root, "empty/nested/x"), "no longer empty\n");
        File.Delete(Path.Combine(root, "current-world"));
        File.CreateSymbolicLink(Path.Combine(root, "current-world"), "logs");

        using var restore = await BackupNode.RestoreAsync(node, backup, truncate: true);
        Assert.Equal(HttpStatusCode.Accepted, restore.StatusCode);
        Assert.True((await BackupNode.RestoreReportAsync(panel, backup)).Successful);
        // In order: per-entry lines, the completion message, then the event (to every socket).
        await reader.WaitForAsync(SocketEvents.DaemonMessage, f => f.Args![0] == "(restoring): server.properties");
        await reader.WaitForAsync(SocketEvents.DaemonMessage, f => f.Args![0] == BackupRestore.LocalCompleted);
        await reader.WaitForAsync(SocketEvents.BackupRestoreCompleted);
        await blind.WaitForAsync(SocketEvents.BackupRestoreCompleted);

        Assert.Equal(expected, ServerTree.Snapshot(root));
    }

    /// <summary>A server with no files yet still gets a real archive (an empty tar in gzip, not a 0-byte file), and restoring it
    /// with truncate empties the folder.</summary>
    [Fact]
    public async Task Backup_OfAnEmptyServer_IsAValidArchive_AndRestores()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await BackupNode.StartAsync(panel);
        var root = node.Server.WorkingDirectory;
        foreach (var entry in Directory.EnumerateFileSystemEntries(root))
        {
            if (Directory.Exists(entry)) { Directory.Delete(entry, recursive: true); } else { File.Delete(entry); }
        }
        var backup = await BackupNode.BackupAsync(node, "");
        var report = await BackupNode.ReportAsync(panel, backup);
        Assert.True(report.Successful);
        var bytes = await File.ReadAllBytesAsync(BackupNode.Archive(node, backup));
        Assert.Equal(bytes.Length, report.Size);
        await using (var tar = new System.Formats.Tar.TarReader(new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress)))
        {
            Assert.Null(await tar.GetNextEntryAsync());
        }
        ServerTree.Write(root, "later.txt", "written after the backup\n", Rw);
        using var restore = await BackupNode.RestoreAsync(node, backup, truncate: true);
        Assert.Equal(HttpStatusCode.Accepted, restore.StatusCode);
        Assert.True((await BackupNode.RestoreReportAsync(panel, backup)).Successful);
        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }

    [Fact]
    public async Task Restore_ArchiveNotMatchingItsChecksum_RefusedWithoutTouchingFiles()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await BackupNode.StartAsync(panel);
        var root = node.Server.WorkingDirectory;
        Original(root);
        var backup = await BackupNode.BackupAsync(node);
        Assert.True((await BackupNode.ReportAsync(panel, backup)).Successful);
        // One byte of the stored archive flipped (same size): the SHA-1 no longer matches the sidecar.
        var archive = BackupNode.Archive(node, backup);
        var bytes = await File.ReadAllBytesAsync(archive);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(archive, bytes);
        await File.WriteAllTextAsync(Path.Combine(root, "server.properties"), "motd=changed\n");
        var before = ServerTree.Snapshot(root);
        await using var console = await node.ConsoleAsync();

        using var restore = await BackupNode.RestoreAsync(node, backup, truncate: true);
        Assert.Equal(HttpStatusCode.Accepted, restore.StatusCode);

        Assert.False((await BackupNode.RestoreReportAsync(panel, backup)).Successful);
        var failed = await console.WaitForAsync(SocketEvents.DaemonMessage, f => f.Args![0].StartsWith("Restore failed: ", StringComparison.Ordinal));
        Assert.Contains("does not match its checksum", failed.Args![0], StringComparison.Ordinal);
        Assert.Equal(before, ServerTree.Snapshot(root));
        Assert.False(node.Server.IsRestoring);
    }

    [Fact]
    public async Task Backup_SecondWhileOneRuns_409UntilItEnds()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        // 1 MiB/s and 3 MiB that gzip cannot shrink: the first backup runs about 3 s.
        await using var node = await BackupNode.StartAsync(panel, c => c.System.Backups.WriteLimit = 1);
        ServerTree.Write(node.Server.WorkingDirectory, "small.txt", "small\n", Rw);
        var earlier = await BackupNode.BackupAsync(node);
        Assert.True((await BackupNode.ReportAsync(panel, earlier)).Successful);
        await Eventually.TrueAsync(() => !node.App.Services.GetRequiredService<BackupLocks>().IsHeld(node.ServerUuid), what: "the backup lock released");
        ServerTree.WriteRandom(node.Server.WorkingDirectory, "world.bin", 3 * 1024 * 1024);
        var first = await BackupNode.BackupAsync(node);

        using var second = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/backup", new { adapter = "wings", uuid = Guid.NewGuid().ToString(), ignore = "" });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(BackupErrors.Busy, await BackupNode.ErrorAsync(second));
        using var restore = await BackupNode.RestoreAsync(node, earlier, truncate: false);
        Assert.Equal(HttpStatusCode.Conflict, restore.StatusCode);
        Assert.Equal(BackupErrors.Busy, await BackupNode.ErrorAsync(restore));

        Assert.True((await BackupNode.ReportAsync(panel, first)).Successful);
        await Eventually.TrueAsync(() => !node.App.Services.GetRequiredService<BackupLocks>().IsHeld(node.ServerUuid), what: "the backup lock released");
        await BackupNode.BackupAsync(node);
    }

    [Fact]
    public async Task Restore_WhileItRuns_PowerAndFileChangesRefusedAsBeingRestored()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await BackupNode.StartAsync(panel, c => c.System.Backups.WriteLimit = 1);
        ServerTree.WriteRandom(node.Server.WorkingDirectory, "world.bin", 3 * 1024 * 1024);
        var backup = await BackupNode.BackupAsync(node);
        Assert.True((await BackupNode.ReportAsync(panel, backup)).Successful);
        await Eventually.TrueAsync(() => !node.App.Services.GetRequiredService<BackupLocks>().IsHeld(node.ServerUuid), what: "the backup lock released");

        using var restore = await BackupNode.RestoreAsync(node, backup, truncate: true);
        Assert.Equal(HttpStatusCode.Accepted, restore.StatusCode);
        await Eventually.TrueAsync(() => node.Server.IsRestoring, what: "the server marked restoring");
        using var start = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/power", new { action = PowerActions.Start });
        Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);
        Assert.Equal(SocketErrors.ServerRestoring, await BackupNode.ErrorAsync(start));
        Assert.Equal(SocketErrors.ServerRestoring, await node.Server.PowerAsync(PowerActions.Start, Aerie.Node.Servers.Actor.Daemon));
        // Spec 06 §1 / 07 §5: file changes wait for the restore too; reading stays open.
        using (var mkdir = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/files/create-directory", new { name = "made", path = "/" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, mkdir.StatusCode);
            Assert.Equal(SocketErrors.ServerRestoring, await BackupNode.ErrorAsync(mkdir));
        }
        using (var list = await node.Http.GetAsync($"/api/servers/{node.ServerUuid}/files/list-directory?directory=%2F"))
        {
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        }
        Assert.False(Directory.Exists(Path.Combine(node.Server.WorkingDirectory, "made")));

        Assert.True((await BackupNode.RestoreReportAsync(panel, backup)).Successful);
        await Eventually.TrueAsync(() => !node.Server.IsRestoring, what: "restoring cleared");
        Assert.Null(await node.Server.PowerAsync(PowerActions.Start, Aerie.Node.Servers.Actor.Daemon));
    }
}
