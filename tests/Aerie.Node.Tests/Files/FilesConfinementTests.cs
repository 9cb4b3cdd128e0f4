using System.Net;
using System.Runtime.Versioning;
using Aerie.Contracts.NodeApi;
using static Aerie.Node.Tests.Files.FileApiCalls;

namespace Aerie.Node.Tests.Files;

/// <summary>Attacks on the file API's confinement (spec 06 §5) on a real node with two servers: whatever a game
/// planted in its folder, no route reads, writes, moves or deletes anything outside it.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class FilesConfinementTests : IAsyncLifetime
{
    private TestNode node = null!;
    private string outside = null!;

    private string Root => node.Server.WorkingDirectory;

    private string OtherUuid => node.Config.Servers[1].Uuid;

    private string OtherRoot => node.ServerOf(OtherUuid).WorkingDirectory;

    public async Task InitializeAsync()
    {
        node = await TestNode.StartAsync(c =>
        {
            c.Servers.Add(TestNode.NewServer());
            c.Servers[0].FileDenylist = ["*.lock", "secret/", "/eula.txt"];
        });
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(OtherRoot);
        File.WriteAllText(Path.Combine(OtherRoot, "ops.json"), "other server");
        outside = Directory.CreateTempSubdirectory("aerie-outside-").FullName;
    }

    public async Task DisposeAsync()
    {
        await node.DisposeAsync();
        Directory.Delete(outside, recursive: true);
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("a/../../escape.txt")]
    [InlineData("/../../../../tmp/escape.txt")]
    public async Task DotDot_LeavingTheRoot_Is404AndWritesNothing(string path)
    {
        using var write = await WriteAsync(node, path, "x");
        await AssertErrorAsync(write, HttpStatusCode.NotFound, FileApiErrors.NotFound);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(Root)!, "escape.txt")));
        Assert.False(File.Exists("/tmp/escape.txt"));
    }

    [Fact]
    public async Task AbsolutePath_IsRelativeToTheRoot()
    {
        using var contents = await GetAsync(node, "contents?file=" + Q("/etc/passwd"));
        await AssertErrorAsync(contents, HttpStatusCode.NotFound, FileApiErrors.NotFound);
        using var write = await WriteAsync(node, "/etc/aerie-test", "x");
        await AssertNoContentAsync(write);
        Assert.True(File.Exists(Path.Combine(Root, "etc", "aerie-test")));
        Assert.False(File.Exists("/etc/aerie-test"));
    }

    [Fact]
    public async Task SymlinkToEtc_EveryRouteRefuses()
    {
        Directory.CreateSymbolicLink(Path.Combine(Root, "etc"), "/etc");
        File.CreateSymbolicLink(Path.Combine(Root, "passwd"), "/etc/passwd");
        var passwd = File.ReadAllText("/etc/passwd");
        var mode = File.GetUnixFileMode("/etc/passwd");

        using (var read = await GetAsync(node, "contents?file=passwd"))
        {
            await AssertErrorAsync(read, HttpStatusCode.NotFound, FileApiErrors.NotFound);
        }
        using (var readThrough = await GetAsync(node, "contents?file=etc/passwd"))
        {
            await AssertErrorAsync(readThrough, HttpStatusCode.NotFound, FileApiErrors.NotFound);
        }
        using (var list = await GetAsync(node, "list-directory?directory=etc"))
        {
            await AssertErrorAsync(list, HttpStatusCode.NotFound, FileApiErrors.DirectoryNotFound);
        }
        using (var write = await WriteAsync(node, "etc/aerie-owned", "x"))
        {
            await AssertErrorAsync(write, HttpStatusCode.NotFound, FileApiErrors.NotFound);
        }
        using (var chmodLink = await PostJsonAsync(node, "chmod", new { root = "/", files = new[] { new { file = "passwd", mode = "777" } } }))
        {
            await AssertNoContentAsync(chmodLink); // the link itself is not followed: skipped as missing
        }
        using (var chmodThrough = await PostJsonAsync(node, "chmod", new { root = "/", files = new[] { new { file = "etc/passwd", mode = "777" } } }))
        {
            await AssertErrorAsync(chmodThrough, HttpStatusCode.NotFound, FileApiErrors.NotFound);
        }
        using (var copy = await PostJsonAsync(node, "copy", new { location = "passwd" }))
        {
            await AssertErrorAsync(copy, HttpStatusCode.NotFound, FileApiErrors.NotFound);
        }
        using (var move = await PutJsonAsync(node, "rename", new { root = "/", files = new[] { new { from = "etc/passwd", to = "stolen" } } }))
        {
            await AssertErrorAsync(move, HttpStatusCode.NotFound, FileApiErrors.NotFound);
        }
        using (var search = await GetAsync(node, "search?directory=etc&pattern=passwd"))
        {
            await AssertErrorAsync(search, HttpStatusCode.NotFound, FileApiErrors.NotFound);
        }
        using (var delete = await PostJsonAsync(node, "delete", new { root = "/etc", files = new[] { "passwd" } }))
        {
            await AssertErrorAsync(delete, HttpStatusCode.NotFound, FileApiErrors.NotFound);
        }

        Assert.False(File.Exists("/etc/aerie-owned"));
        Assert.Equal(passwd, File.ReadAllText("/etc/passwd"));
        Assert.Equal(mode, File.GetUnixFileMode("/etc/passwd"));
        Assert.False(File.Exists(Path.Combine(Root, "stolen")));
    }

    [Fact]
    public async Task SymlinkToAnotherServersFolder_IsRefused_ItsFilesUntouched()
    {
        Directory.CreateSymbolicLink(Path.Combine(Root, "neighbour"), OtherRoot);
        Directory.CreateSymbolicLink(Path.Combine(Root, "relative"), Path.Combine("..", OtherUuid));

        File.WriteAllText(Path.Combine(Root, "mine.txt"), "mine");
        foreach (var link in new[] { "neighbour", "relative" })
        {
            using (var read = await GetAsync(node, $"contents?file={link}/ops.json"))
            {
                await AssertErrorAsync(read, HttpStatusCode.NotFound, FileApiErrors.NotFound);
            }
            using (var write = await WriteAsync(node, $"{link}/ops.json", "hijacked"))
            {
                await AssertErrorAsync(write, HttpStatusCode.NotFound, FileApiErrors.NotFound);
            }
            using (var delete = await PostJsonAsync(node, "delete", new { root = link, files = new[] { "ops.json" } }))
            {
                await AssertErrorAsync(delete, HttpStatusCode.NotFound, FileApiErrors.NotFound);
            }
            using var into = await PutJsonAsync(node, "rename", new { root = "/", files = new[] { new { from = "mine.txt", to = $"{link}/planted.txt" } } });
            await AssertErrorAsync(into, HttpStatusCode.NotFound, FileApiErrors.NotFound);
        }
        // Deleting the link itself removes the link only.
        using (var unlink = await PostJsonAsync(node, "delete", new { root = "/", files = new[] { "neighbour" } }))
        {
            await AssertNoContentAsync(unlink);
        }

        Assert.Equal("other server", File.ReadAllText(Path.Combine(OtherRoot, "ops.json")));
        Assert.Equal(["ops.json"], Directory.GetFileSystemEntries(OtherRoot).Select(Path.GetFileName));
    }

    [Fact]
    public async Task SymlinkInsideTheRoot_IsFollowedForReads()
    {
        Directory.CreateDirectory(Path.Combine(Root, "real"));
        File.WriteAllText(Path.Combine(Root, "real", "a.txt"), "inside");
        Directory.CreateSymbolicLink(Path.Combine(Root, "alias"), "real");

        using var read = await GetAsync(node, "contents?file=alias/a.txt");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("inside", await read.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FolderSwappedForASymlinkWhileWriting_NothingIsWrittenOutside()
    {
        var swap = Path.Combine(Root, "swap");
        using var stop = new CancellationTokenSource();
        var swapper = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    Directory.CreateDirectory(swap);
                    Directory.Delete(swap, recursive: true);
                    Directory.CreateSymbolicLink(swap, outside);
                    File.Delete(swap);
                }
                catch (IOException)
                {
                    // the node created or filled the folder meanwhile: go on swapping
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 300; i++)
        {
            using var response = await WriteAsync(node, $"swap/f{i}.txt", "payload");
            statuses.Add(response.StatusCode);
        }
        await stop.CancelAsync();
        await swapper;

        Assert.Empty(Directory.GetFileSystemEntries(outside));
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.NoContent or HttpStatusCode.NotFound, $"answered {(int)s}"));
        Assert.Contains(HttpStatusCode.NotFound, statuses); // the race was really run
    }

    [Fact]
    public async Task Denylist_EveryMutatingRouteAndContents_Refuse()
    {
        Directory.CreateDirectory(Path.Combine(Root, "secret"));
        File.WriteAllText(Path.Combine(Root, "secret", "key.pem"), "key");
        File.WriteAllText(Path.Combine(Root, "session.lock"), "lock");
        File.WriteAllText(Path.Combine(Root, "eula.txt"), "eula=false");
        File.WriteAllText(Path.Combine(Root, "free.txt"), "free");

        async Task Refused(Task<HttpResponseMessage> call)
        {
            using var response = await call;
            await AssertErrorAsync(response, HttpStatusCode.Forbidden, FileApiErrors.Denylisted);
        }

        await Refused(GetAsync(node, "contents?file=secret/key.pem"));
        await Refused(WriteAsync(node, "eula.txt", "eula=true"));
        await Refused(WriteAsync(node, "secret/new.txt", "x"));
        await Refused(PutJsonAsync(node, "rename", new { root = "/", files = new[] { new { from = "session.lock", to = "x.txt" } } }));
        await Refused(PutJsonAsync(node, "rename", new { root = "/", files = new[] { new { from = "free.txt", to = "secret/free.txt" } } }));
        await Refused(PostJsonAsync(node, "copy", new { location = "session.lock" }));
        await Refused(PostJsonAsync(node, "create-directory", new { name = "secret", path = "/" }));
        await Refused(PostJsonAsync(node, "chmod", new { root = "/", files = new[] { new { file = "eula.txt", mode = "777" } } }));
        using (var delete = await PostJsonAsync(node, "delete", new { root = "/", files = new[] { "secret", "session.lock", "free.txt" } }))
        {
            await AssertNoContentAsync(delete); // denylisted entries are left in place
        }

        Assert.Equal("key", File.ReadAllText(Path.Combine(Root, "secret", "key.pem")));
        Assert.Equal("lock", File.ReadAllText(Path.Combine(Root, "session.lock")));
        Assert.Equal("eula=false", File.ReadAllText(Path.Combine(Root, "eula.txt")));
        Assert.False(File.Exists(Path.Combine(Root, "free.txt")));
        Assert.False(File.Exists(Path.Combine(Root, "x.txt")));
        // Anchored: the same name deeper is not denied.
        using var deeper = await WriteAsync(node, "sub/eula.txt", "x");
        await AssertNoContentAsync(deeper);
    }
}
