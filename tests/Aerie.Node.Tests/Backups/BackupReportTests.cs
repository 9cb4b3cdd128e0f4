using System.Security.Cryptography;
using Aerie.Contracts.RemoteApi;
using Aerie.Node.Tests.Support;

namespace Aerie.Node.Tests.Backups;

/// <summary>The completion report (spec 07 §4, beyond Wings): spooled and retried until the panel answers for good; the
/// archive is deleted only when the panel disowns the backup (403/404), never because the panel was unreachable.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BackupReportTests
{
    [Fact]
    public async Task Report_PanelDownWhenBackupFinishes_ArrivesAfterItIsBack()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        panel.BackupReportsDown = true;
        await using var node = await BackupNode.StartAsync(panel);
        ServerTree.Write(node.Server.WorkingDirectory, "world.dat", "the world\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var backup = await BackupNode.BackupAsync(node);
        await Eventually.TrueAsync(() => Volatile.Read(ref panel.BackupReportsRefused) >= 2, TimeSpan.FromSeconds(20), "the report refused twice (first attempt and a retry)");
        var archive = BackupNode.Archive(node, backup);
        Assert.True(File.Exists(archive), "the finished archive is kept while the panel is down");
        Assert.Empty(panel.BackupReports);

        panel.BackupReportsDown = false;
        var report = await BackupNode.ReportAsync(panel, backup, TimeSpan.FromSeconds(30));
        Assert.True(report.Successful);
        Assert.Equal(ServerTree.Sha1Hex(await File.ReadAllBytesAsync(archive)), report.Checksum);
        Assert.Single(panel.BackupReports, r => r.Backup == backup);
    }

    [Fact]
    public async Task Report_PanelDownAcrossNodeRestart_SentByTheNextDaemon()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        panel.BackupReportsDown = true;
        await using var node = await BackupNode.StartAsync(panel);
        ServerTree.Write(node.Server.WorkingDirectory, "world.dat", "the world\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var backup = await BackupNode.BackupAsync(node);
        await Eventually.TrueAsync(() => Volatile.Read(ref panel.BackupReportsRefused) >= 1, TimeSpan.FromSeconds(20), "the report refused");

        await node.StopAsync();
        panel.BackupReportsDown = false;
        await node.ResumeAsync();

        Assert.True((await BackupNode.ReportAsync(panel, backup, TimeSpan.FromSeconds(30))).Successful);
        Assert.True(File.Exists(BackupNode.Archive(node, backup)));
    }

    [Theory]
    [InlineData(403, "You do not have permission to access that backup.")]
    [InlineData(404, "The requested resource could not be found.")]
    public async Task Report_PanelDisownsBackup_ArchiveDeleted(int status, string error)
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await BackupNode.StartAsync(panel);
        ServerTree.Write(node.Server.WorkingDirectory, "world.dat", "the world\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var backup = Guid.NewGuid().ToString();
        panel.BackupReportFaults[backup] = (status, error);

        await BackupNode.BackupAsyncAs(node, backup);
        await BackupNode.ReportAsync(panel, backup);

        var archive = BackupNode.Archive(node, backup);
        // The answer is read after the panel recorded the report: wait for the node to act on it.
        await Eventually.TrueAsync(() => !Directory.Exists(Path.GetDirectoryName(archive)), what: "the server's backup folder gone with its last backup");
        Assert.False(File.Exists(archive));
        Assert.False(File.Exists(Aerie.Node.Backups.BackupPaths.Sidecar(archive)));
        await Task.Delay(1500);
        Assert.Single(panel.BackupReports, r => r.Backup == backup); // final: not retried
    }

    [Fact]
    public async Task Report_PanelSaysAlreadyCompleted_ArchiveKeptNotRetried()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await BackupNode.StartAsync(panel);
        ServerTree.Write(node.Server.WorkingDirectory, "world.dat", "the world\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var backup = Guid.NewGuid().ToString();
        panel.BackupReportFaults[backup] = (400, BackupReportAnswers.AlreadyCompleted);

        await BackupNode.BackupAsyncAs(node, backup);
        await BackupNode.ReportAsync(panel, backup);

        await Task.Delay(1500);
        Assert.True(File.Exists(BackupNode.Archive(node, backup)));
        Assert.Single(panel.BackupReports, r => r.Backup == backup);
    }
}
