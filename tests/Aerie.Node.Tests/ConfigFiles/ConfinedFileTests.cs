using System.Runtime.Versioning;
using Aerie.Node.ConfigFiles;

namespace Aerie.Node.Tests.ConfigFiles;

/// <summary>Attacks on the server-root confinement of config rewrites: whatever a game planted, nothing outside its
/// folder is read or written.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ConfinedFileTests : IDisposable
{
    private readonly string sandbox = Directory.CreateTempSubdirectory("aerie-confined-").FullName;
    private readonly string root;
    private readonly string outside;

    public ConfinedFileTests()
    {
        root = Directory.CreateDirectory(Path.Combine(sandbox, "server")).FullName;
        outside = Directory.CreateDirectory(Path.Combine(sandbox, "outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "passwd"), "root:x:0:0\n");
    }

    [Fact]
    public void Open_SymlinkToAFileOutside_IsRefusedAndNotWritten()
    {
        File.CreateSymbolicLink(Path.Combine(root, "server.properties"), "/etc/passwd");
        var before = File.ReadAllText("/etc/passwd");

        var e = Assert.Throws<ConfigPathException>(() => ConfinedFile.Open(root, "server.properties", create: true));

        Assert.Contains("server.properties", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText("/etc/passwd"));
    }

    [Fact]
    public void Open_RelativeSymlinkOutside_IsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(root, "config.json"), "../outside/passwd");
        Assert.Throws<ConfigPathException>(() => ConfinedFile.Open(root, "config.json", create: true));
        Assert.Equal("root:x:0:0\n", File.ReadAllText(Path.Combine(outside, "passwd")));
    }

    [Theory]
    [InlineData("../outside/passwd")]
    [InlineData("config/../../outside/passwd")]
    [InlineData("/etc/passwd")]
    public void Open_PathLeavingTheRoot_IsRefused(string path)
    {
        Assert.Throws<ConfigPathException>(() => ConfinedFile.Open(root, path, create: true));
        Assert.Equal("root:x:0:0\n", File.ReadAllText(Path.Combine(outside, "passwd")));
    }

    [Fact]
    public void Open_SymlinkedParentFolderOutside_IsRefusedAndNothingCreated()
    {
        Directory.CreateSymbolicLink(Path.Combine(root, "config"), outside);

        Assert.Throws<ConfigPathException>(() => ConfinedFile.Open(root, "config/new.yml", create: true));

        Assert.False(File.Exists(Path.Combine(outside, "new.yml")));
    }

    [Fact]
    public void Open_DeepSymlinkedParentToRoot_IsRefused()
    {
        Directory.CreateDirectory(Path.Combine(root, "a"));
        Directory.CreateSymbolicLink(Path.Combine(root, "a", "b"), "/");
        Assert.Throws<ConfigPathException>(() => ConfinedFile.Open(root, "a/b/etc/passwd", create: true));
    }

    [Fact]
    public void Open_SymlinkInsideTheRoot_IsFollowed()
    {
        Directory.CreateDirectory(Path.Combine(root, "real"));
        File.WriteAllText(Path.Combine(root, "real", "game.ini"), "a=1\n");
        Directory.CreateSymbolicLink(Path.Combine(root, "linked"), "real");
        File.CreateSymbolicLink(Path.Combine(root, "real", "alias.ini"), Path.Combine(root, "real", "game.ini"));

        using (var file = ConfinedFile.Open(root, "linked/alias.ini", create: false)!)
        {
            Assert.Equal("a=1\n", file.Read(1024, "linked/alias.ini"));
            file.Replace("a=2\n", "linked/alias.ini");
        }

        Assert.Equal("a=2\n", File.ReadAllText(Path.Combine(root, "real", "game.ini")));
        Assert.NotNull(new FileInfo(Path.Combine(root, "real", "alias.ini")).LinkTarget);
    }

    [Fact]
    public void Open_Missing_CreatesFoldersOnlyWhenAsked()
    {
        Assert.Null(ConfinedFile.Open(root, "config/paper-global.yml", create: false));
        Assert.False(Directory.Exists(Path.Combine(root, "config")));

        using (var file = ConfinedFile.Open(root, "config/paper-global.yml", create: true)!)
        {
            Assert.True(file.IsNew);
            file.Replace("x: 1\n", "config/paper-global.yml");
        }
        Assert.Equal("x: 1\n", File.ReadAllText(Path.Combine(root, "config", "paper-global.yml")));
    }

    [Fact]
    public void Replace_KeepsTheModeAndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(root, "start.cfg");
        File.WriteAllText(path, "old\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        using (var file = ConfinedFile.Open(root, "start.cfg", create: true)!)
        {
            file.Replace("new\n", "start.cfg");
        }

        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
        Assert.Equal(["start.cfg"], Directory.GetFiles(root).Select(Path.GetFileName));
    }

    [Fact]
    public void Read_OverTheLimit_IsRefused()
    {
        File.WriteAllBytes(Path.Combine(root, "big.json"), new byte[2048]);
        using var file = ConfinedFile.Open(root, "big.json", create: true)!;
        Assert.Throws<ConfigPathException>(() => file.Read(1024, "big.json"));
    }

    [Fact]
    public void Read_Latin1File_IsNotMangled()
    {
        File.WriteAllBytes(Path.Combine(root, "server.properties"), [(byte)'m', (byte)'=', 0xE9]);
        using var file = ConfinedFile.Open(root, "server.properties", create: true)!;
        Assert.Equal("m=\u00e9", file.Read(1024, "server.properties"));
    }

    public void Dispose() => Directory.Delete(sandbox, recursive: true);
}
