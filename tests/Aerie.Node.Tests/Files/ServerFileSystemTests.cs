using System.Runtime.Versioning;
using System.Text;
using Aerie.Node.Files;
using Aerie.Node.Servers;

namespace Aerie.Node.Tests.Files;

/// <summary>The confined file system itself: write semantics, quota, denylist and links, without HTTP.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ServerFileSystemTests : IDisposable
{
    private readonly string sandbox = Directory.CreateTempSubdirectory("aerie-files-").FullName;
    private readonly string root;
    private readonly string outside;

    public ServerFileSystemTests()
    {
        root = Directory.CreateDirectory(Path.Combine(sandbox, "server")).FullName;
        outside = Directory.CreateDirectory(Path.Combine(sandbox, "outside")).FullName;
    }

    [Fact]
    public async Task Write_NewFile_Is0644InNew0755Folders()
    {
        var files = new ServerFileSystem(root);

        await files.WriteAsync("/a/b/c.txt", Bytes("hello"), 5);

        Assert.Equal("hello", File.ReadAllText(Path.Combine(root, "a", "b", "c.txt")));
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(Path.Combine(root, "a", "b", "c.txt")));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(root, "a", "b")));
        Assert.Equal(["c.txt"], Directory.GetFiles(Path.Combine(root, "a", "b")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Write_Existing_KeepsItsMode()
    {
        var path = Path.Combine(root, "start.sh");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_000);

        await new ServerFileSystem(root).WriteAsync("start.sh", Bytes("new"), 3);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal((UnixFileMode)0b111_101_000, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task Write_OverQuotaWhileStreaming_LeavesTheOldFileAndNoTemporary()
    {
        File.WriteAllText(Path.Combine(root, "world.dat"), "old content");
        var quota = new DiskQuota(new DiskUsage(root, TimeProvider.System), () => 100);
        var files = new ServerFileSystem(root, quota: quota);

        // No length announced: only the streaming check can stop it.
        var e = await Assert.ThrowsAsync<ConfinedFileException>(() => files.WriteAsync("world.dat", new MemoryStream(new byte[500]), null));

        Assert.Equal(FileProblem.QuotaExceeded, e.Problem);
        Assert.Equal("old content", File.ReadAllText(Path.Combine(root, "world.dat")));
        Assert.Equal(["world.dat"], Directory.GetFiles(root).Select(Path.GetFileName));
        Assert.Equal(11, quota.UsedBytes);
    }

    [Fact]
    public async Task Write_ReplacingALargerFile_CountsOnlyTheGrowth()
    {
        File.WriteAllBytes(Path.Combine(root, "big.bin"), new byte[90]);
        var quota = new DiskQuota(new DiskUsage(root, TimeProvider.System), () => 100);
        var files = new ServerFileSystem(root, quota: quota);

        await files.WriteAsync("big.bin", new MemoryStream(new byte[95]), 95);

        Assert.Equal(95, new FileInfo(Path.Combine(root, "big.bin")).Length);
        Assert.Equal(95, quota.UsedBytes);
    }

    [Fact]
    public async Task Write_ThroughALinkedFolderOutside_IsRefusedAndWritesNothing()
    {
        Directory.CreateSymbolicLink(Path.Combine(root, "plugins"), outside);

        var e = await Assert.ThrowsAsync<ConfinedFileException>(() => new ServerFileSystem(root).WriteAsync("plugins/evil.jar", Bytes("x"), 1));

        Assert.Equal(FileProblem.OutsideRoot, e.Problem);
        Assert.Empty(Directory.GetFileSystemEntries(outside));
    }

    [Fact]
    public async Task Write_OverALinkAsLastComponent_ReplacesTheLinkNotItsTarget()
    {
        File.WriteAllText(Path.Combine(outside, "passwd"), "root");
        File.CreateSymbolicLink(Path.Combine(root, "link"), Path.Combine(outside, "passwd"));

        await new ServerFileSystem(root).WriteAsync("link", Bytes("mine"), 4);

        Assert.Equal("root", File.ReadAllText(Path.Combine(outside, "passwd")));
        Assert.Null(new FileInfo(Path.Combine(root, "link")).LinkTarget);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(root, "link")));
    }

    [Fact]
    public void OpenRead_LinkInsideTheRoot_IsFollowed_LinkOutside_IsNot()
    {
        File.WriteAllText(Path.Combine(root, "real.txt"), "inside");
        File.CreateSymbolicLink(Path.Combine(root, "alias.txt"), "real.txt");
        File.CreateSymbolicLink(Path.Combine(root, "etc"), "/etc/passwd");
        var files = new ServerFileSystem(root);

        using (var opened = files.OpenRead("alias.txt"))
        {
            Assert.Equal(6, opened.Entry.Size);
        }
        Assert.Equal(FileProblem.OutsideRoot, Assert.Throws<ConfinedFileException>(() => files.OpenRead("etc")).Problem);
        Assert.Equal(FileProblem.OutsideRoot, Assert.Throws<ConfinedFileException>(() => files.OpenRead("../outside/x")).Problem);
    }

    [Fact]
    public void Denylist_CoversFoldersAndReincludes()
    {
        var list = new Denylist(["config/", "*.jar", "!allowed.jar", "/top.txt", "a/**/secret"]);

        Assert.True(list.Denies("config", isDirectory: true));
        Assert.True(list.Denies("config/server.yml", isDirectory: false));
        Assert.True(list.Denies("plugins/x.jar", isDirectory: false));
        Assert.False(list.Denies("allowed.jar", isDirectory: false));
        Assert.True(list.Denies("top.txt", isDirectory: false));
        Assert.False(list.Denies("sub/top.txt", isDirectory: false));
        Assert.True(list.Denies("a/b/c/secret", isDirectory: false));
        Assert.False(list.Denies("readme.md", isDirectory: false));
    }

    [Fact]
    public void Delete_KeepsDenylistedEntriesAndTheirFolders()
    {
        Directory.CreateDirectory(Path.Combine(root, "world", "keep"));
        File.WriteAllText(Path.Combine(root, "world", "keep", "a.lock"), "x");
        File.WriteAllText(Path.Combine(root, "world", "b.dat"), "x");
        var files = new ServerFileSystem(root, denylist: new Denylist(["*.lock"]));

        files.Delete("world");

        Assert.True(File.Exists(Path.Combine(root, "world", "keep", "a.lock")));
        Assert.False(File.Exists(Path.Combine(root, "world", "b.dat")));
    }

    [Fact]
    public void Delete_ALinkToAFolderOutside_RemovesOnlyTheLink()
    {
        File.WriteAllText(Path.Combine(outside, "precious"), "x");
        Directory.CreateSymbolicLink(Path.Combine(root, "out"), outside);

        new ServerFileSystem(root).Delete("out");

        Assert.False(Path.Exists(Path.Combine(root, "out")));
        Assert.True(File.Exists(Path.Combine(outside, "precious")));
    }

    [Fact]
    public void Chmod_ALinkToAFileOutside_IsNotFollowed()
    {
        var target = Path.Combine(outside, "secret");
        File.WriteAllText(target, "x");
        File.SetUnixFileMode(target, UnixFileMode.UserRead);
        File.CreateSymbolicLink(Path.Combine(root, "s"), target);

        Assert.Throws<ConfinedFileException>(() => new ServerFileSystem(root).Chmod("s", 0b111_111_111));

        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(target));
    }

    [Theory]
    [InlineData("a.txt", "a copy.txt")]
    [InlineData("backup.tar.gz", "backup copy.tar.gz")]
    [InlineData("README", "README copy")]
    public void CopyNames_FirstFreeName(string name, string expected) =>
        Assert.Equal(expected, CopyNames.Next(name, _ => false, DateTimeOffset.UnixEpoch));

    [Fact]
    public void CopyNames_AfterFiftyTaken_UsesTheTime() =>
        Assert.Equal("a copy.1970-01-01T00:00:00Z.txt", CopyNames.Next("a.txt", _ => true, DateTimeOffset.UnixEpoch));

    public void Dispose() => Directory.Delete(sandbox, recursive: true);

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));
}
