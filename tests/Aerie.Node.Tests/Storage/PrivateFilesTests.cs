using System.Runtime.Versioning;
using Aerie.Node.Storage;

namespace Aerie.Node.Tests.Storage;

[UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests : IDisposable
{
    private const UnixFileMode WorldReadable = (UnixFileMode)0b111_111_111;
    private readonly string root = Path.Combine(Path.GetTempPath(), "aerie-private-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void CreateFolder_New_Is0700_ParentsKeepTheDefault()
    {
        var folder = Path.Combine(root, "data", "state");

        PrivateFiles.CreateFolder(folder);

        Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(folder));
        // The parent may hold what is not ours (the servers' folders): it gets what any new folder gets.
        var plain = Directory.CreateDirectory(Path.Combine(root, "plain"));
        Assert.Equal(plain.UnixFileMode, File.GetUnixFileMode(Path.Combine(root, "data")));
    }

    [Fact]
    public void CreateFolder_WorldReadable_IsNarrowed()
    {
        var folder = Path.Combine(root, "state");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, WorldReadable);

        PrivateFiles.CreateFolder(folder);

        Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(folder));
    }

    [Fact]
    public void ReplaceText_New_And_OverAWorldReadableFile_Is0600()
    {
        Directory.CreateDirectory(root);
        var fresh = Path.Combine(root, "fresh.json");
        var old = Path.Combine(root, "old.json");
        File.WriteAllText(old, "old");
        File.SetUnixFileMode(old, WorldReadable);
        // A stale temp file left wide by a crash must not lend its mode to the new file.
        File.WriteAllText(fresh + ".tmp", "stale");
        File.SetUnixFileMode(fresh + ".tmp", WorldReadable);

        PrivateFiles.ReplaceText(fresh, "new");
        PrivateFiles.ReplaceText(old, "new");

        Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(fresh));
        Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(old));
        Assert.Equal("new", File.ReadAllText(old));
    }

    [Fact]
    public void OpenWrite_AppendToWorldReadableFile_NarrowsIt()
    {
        Directory.CreateDirectory(root);
        var file = Path.Combine(root, "server.log");
        File.WriteAllText(file, "kept\n");
        File.SetUnixFileMode(file, WorldReadable);

        using (var stream = PrivateFiles.OpenWrite(file, FileMode.Append))
        {
            stream.Write("more\n"u8);
        }

        Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(file));
        Assert.Equal(["kept", "more"], File.ReadAllLines(file));
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
