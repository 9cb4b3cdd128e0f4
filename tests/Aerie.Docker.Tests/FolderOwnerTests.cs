using System.Diagnostics;
using Aerie.Node.Storage;

namespace Aerie.Docker.Tests;

/// <summary>Handing a folder to the container user, including a folder a game has booby-trapped with links.</summary>
public sealed class FolderOwnerTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "aerie-folder-owner-" + Guid.NewGuid().ToString("N"));

    public FolderOwnerTests() => Directory.CreateDirectory(root);

    [Fact]
    public void Apply_NestedFiles_AllOwnedByUser()
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "server", "world", "region")).Parent!.Parent!.FullName;
        File.WriteAllText(Path.Combine(folder, "world", "region", "r.0.0.mca"), "x");

        FolderOwner.Give(folder, 988, 977);

        Assert.Equal("988:977", Owner(folder));
        Assert.Equal("988:977", Owner(Path.Combine(folder, "world")));
        Assert.Equal("988:977", Owner(Path.Combine(folder, "world", "region", "r.0.0.mca")));
    }

    [Fact]
    public void Apply_LinksPlantedByGame_TargetsOutsideKeepTheirOwner()
    {
        // What a game would aim at: host files outside its folder (owned by root, like /etc).
        var outside = Directory.CreateDirectory(Path.Combine(root, "host-etc")).FullName;
        var secret = Path.Combine(outside, "shadow");
        File.WriteAllText(secret, "root:x");
        var folder = Directory.CreateDirectory(Path.Combine(root, "server")).FullName;
        File.CreateSymbolicLink(Path.Combine(folder, "file-link"), secret);
        Directory.CreateSymbolicLink(Path.Combine(folder, "dir-link"), outside);

        FolderOwner.Give(folder, 988, 988);

        Assert.Equal("0:0", Owner(outside));
        Assert.Equal("0:0", Owner(secret));
        Assert.Equal("988:988", Owner(Path.Combine(folder, "file-link"), ofLink: true));
        Assert.Equal("988:988", Owner(Path.Combine(folder, "dir-link"), ofLink: true));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>uid:gid as the host sees it: of the link itself or (stat -L) of what it points to.</summary>
    private static string Owner(string path, bool ofLink = false)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ofLink ? ["-c", "%u:%g", path] : ["-L", "-c", "%u:%g", path]) { RedirectStandardOutput = true })!;
        var owner = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return owner;
    }
}
