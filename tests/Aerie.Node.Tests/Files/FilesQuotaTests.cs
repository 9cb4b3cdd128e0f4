using System.Net;
using System.Runtime.Versioning;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.RemoteApi;
using Aerie.Node.Tests.Support;
using static Aerie.Node.Tests.Files.FileApiCalls;

namespace Aerie.Node.Tests.Files;

/// <summary>The disk limit on the file API's writes and the install lock on its mutating routes (spec 06 §1, §5).</summary>
[UnsupportedOSPlatform("windows")]
public sealed class FilesQuotaTests
{
    [Fact]
    public async Task Write_OverTheDiskLimit_400_OldFileIntact_WithinTheLimitWorks()
    {
        await using var node = await TestNode.StartAsync(c => c.Servers[0].Limits.Disk = 1);
        var root = node.Server.WorkingDirectory;
        Directory.CreateDirectory(root);
        var world = Path.Combine(root, "world.dat");
        File.WriteAllBytes(world, new byte[600 * 1024]);

        using (var over = await node.Http.PostAsync($"{Base(node)}/write?file=world.dat", new ByteArrayContent(new byte[1100 * 1024])))
        {
            await AssertErrorAsync(over, HttpStatusCode.BadRequest, FileApiErrors.DiskSpace);
        }
        Assert.Equal(600 * 1024, new FileInfo(world).Length);
        Assert.Equal(["world.dat"], Directory.GetFileSystemEntries(root).Select(Path.GetFileName));

        // Replacing counts only new − old: 1000 KiB in place of 600 KiB fits 1 MiB.
        using (var replaced = await node.Http.PostAsync($"{Base(node)}/write?file=world.dat", new ByteArrayContent(new byte[1000 * 1024])))
        {
            await AssertNoContentAsync(replaced);
        }
        Assert.Equal(1000 * 1024, new FileInfo(world).Length);

        using var copy = await PostJsonAsync(node, "copy", new { location = "world.dat" });
        await AssertErrorAsync(copy, HttpStatusCode.BadRequest, FileApiErrors.DiskSpace);
        Assert.Equal(["world.dat"], Directory.GetFileSystemEntries(root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task MutatingRoutes_WhileInstalling_409_ReadsStillAnswer()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await TestNode.StartAsync(c => c.Remote = panel.Url);
        panel.InstallScripts[node.ServerUuid] = new InstallScript("ghcr.io/pterodactyl/installers:debian", "bash", "sleep 30");
        Directory.CreateDirectory(node.Server.WorkingDirectory);
        using (var install = await node.Http.PostAsync($"/api/servers/{node.ServerUuid}/install", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, install.StatusCode);
        }
        await Eventually.TrueAsync(() => node.Server.IsInstalling, TimeSpan.FromSeconds(10), "the install to start");

        using (var write = await WriteAsync(node, "a.txt", "x"))
        {
            await AssertErrorAsync(write, HttpStatusCode.Conflict, FileApiErrors.Installing);
        }
        using (var mkdir = await PostJsonAsync(node, "create-directory", new { name = "d", path = "/" }))
        {
            await AssertErrorAsync(mkdir, HttpStatusCode.Conflict, FileApiErrors.Installing);
        }
        using (var delete = await PostJsonAsync(node, "delete", new { root = "/", files = new[] { "x" } }))
        {
            await AssertErrorAsync(delete, HttpStatusCode.Conflict, FileApiErrors.Installing);
        }
        using var list = await GetAsync(node, "list-directory?directory=/");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.False(File.Exists(Path.Combine(node.Server.WorkingDirectory, "a.txt")));
    }
}
