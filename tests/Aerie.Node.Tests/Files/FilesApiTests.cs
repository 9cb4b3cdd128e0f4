using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aerie.Contracts.NodeApi;
using static Aerie.Node.Tests.Files.FileApiCalls;

namespace Aerie.Node.Tests.Files;

/// <summary>Each file route of spec 06 §2 on a real node over HTTP: its answer and its errors.</summary>
[UnsupportedOSPlatform("windows")]
public sealed partial class FilesApiTests : IAsyncLifetime
{
    private TestNode node = null!;

    private string Root => node.Server.WorkingDirectory;

    public async Task InitializeAsync()
    {
        node = await TestNode.StartAsync(c => c.Servers[0].FileDenylist = ["*.lock", "secret/"]);
        Directory.CreateDirectory(Root);
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task ListDirectory_SortedDirectoriesFirst_StatShapeExactly()
    {
        Directory.CreateDirectory(Path.Combine(Root, "b-dir"));
        File.WriteAllText(Path.Combine(Root, "a.txt"), "hello\n");
        File.WriteAllBytes(Path.Combine(Root, "c.bin"), [0, 1, 2, 0xFF]);
        File.SetUnixFileMode(Path.Combine(Root, "a.txt"), (UnixFileMode)0b110_100_100);
        File.CreateSymbolicLink(Path.Combine(Root, "a-link"), "a.txt");

        using var response = await GetAsync(node, "list-directory?directory=/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(["b-dir", "a-link", "a.txt", "c.bin"], entries.Select(e => e.GetProperty("name").GetString()));
        var text = entries[2];
        Assert.Equal(
            ["name", "created", "modified", "mode", "mode_bits", "size", "directory", "file", "symlink", "mime"],
            text.EnumerateObject().Select(p => p.Name));
        Assert.Equal("-rw-r--r--", text.GetProperty("mode").GetString());
        Assert.Equal("644", text.GetProperty("mode_bits").GetString());
        Assert.Equal(6, text.GetProperty("size").GetInt64());
        Assert.False(text.GetProperty("directory").GetBoolean());
        Assert.True(text.GetProperty("file").GetBoolean());
        Assert.Equal("text/plain; charset=utf-8", text.GetProperty("mime").GetString());
        Assert.Matches(Rfc3339(), text.GetProperty("modified").GetString()!);
        Assert.Matches(Rfc3339(), text.GetProperty("created").GetString()!);
        var dir = entries[0];
        Assert.StartsWith("d", dir.GetProperty("mode").GetString(), StringComparison.Ordinal);
        Assert.Equal("inode/directory", dir.GetProperty("mime").GetString());
        Assert.True(dir.GetProperty("directory").GetBoolean());
        Assert.False(dir.GetProperty("file").GetBoolean());
        var link = entries[1];
        Assert.Equal("Lrwxrwxrwx", link.GetProperty("mode").GetString());
        Assert.True(link.GetProperty("symlink").GetBoolean());
        Assert.True(link.GetProperty("file").GetBoolean());
        Assert.Equal("a.txt".Length, link.GetProperty("size").GetInt64()); // the link's own size
        Assert.Equal("application/octet-stream", entries[3].GetProperty("mime").GetString());
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("a.txt")]
    public async Task ListDirectory_MissingOrAFile_404(string directory)
    {
        File.WriteAllText(Path.Combine(Root, "a.txt"), "x");
        using var response = await GetAsync(node, $"list-directory?directory={Q(directory)}");
        await AssertErrorAsync(response, HttpStatusCode.NotFound, FileApiErrors.DirectoryNotFound);
    }

    [Fact]
    public async Task Contents_BytesWithLengthAndMime_DownloadAsAttachment()
    {
        File.WriteAllText(Path.Combine(Root, "server.properties"), "motd=hi\n");

        using var plain = await GetAsync(node, "contents?file=%2Fserver.properties");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("motd=hi\n", await plain.Content.ReadAsStringAsync());
        Assert.Equal(8, plain.Content.Headers.ContentLength);
        Assert.Equal("text/plain; charset=utf-8", plain.Headers.GetValues("X-Mime-Type").Single());

        using var download = await GetAsync(node, "contents?file=server.properties&download=1");
        Assert.Equal("attachment; filename=\"server.properties\"", download.Content.Headers.ContentDisposition!.ToString());
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Contents_MissingDirectoryAndPipe_AreRefused()
    {
        Directory.CreateDirectory(Path.Combine(Root, "world"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(Root, "pipe")))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        using (var missing = await GetAsync(node, "contents?file=nope.txt"))
        {
            await AssertErrorAsync(missing, HttpStatusCode.NotFound, FileApiErrors.NotFound);
        }
        using (var directory = await GetAsync(node, "contents?file=world"))
        {
            await AssertErrorAsync(directory, HttpStatusCode.BadRequest, FileApiErrors.IsDirectory);
        }
        using var pipe = await GetAsync(node, "contents?file=pipe");
        await AssertErrorAsync(pipe, HttpStatusCode.BadRequest, FileApiErrors.UnsupportedType);
    }

    [Fact]
    public async Task Contents_FileGrowingWhileSent_BodyEndsAtTheSizeAtOpen()
    {
        var path = Path.Combine(Root, "latest.log");
        File.WriteAllBytes(path, new byte[4 * 1024 * 1024]);

        using var response = await node.Http.GetAsync($"{Base(node)}/contents?file=latest.log", HttpCompletionOption.ResponseHeadersRead);
        await using (var append = new FileStream(path, FileMode.Append))
        {
            append.Write(new byte[1024 * 1024]);
        }
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(4 * 1024 * 1024, response.Content.Headers.ContentLength);
        Assert.Equal(4 * 1024 * 1024, body.Length);
    }

    [Fact]
    public async Task Write_CreatesParentsAndReplaces_204()
    {
        using (var first = await WriteAsync(node, "config/game/settings.ini", "a=1"))
        {
            await AssertNoContentAsync(first);
        }
        using (var second = await WriteAsync(node, "/config/game/settings.ini", "a=2"))
        {
            await AssertNoContentAsync(second);
        }
        Assert.Equal("a=2", File.ReadAllText(Path.Combine(Root, "config", "game", "settings.ini")));
    }

    [Fact]
    public async Task Write_WithoutContentLength_400()
    {
        var content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes("chunked")));
        using var response = await node.Http.PostAsync($"{Base(node)}/write?file=a.txt", content);
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, FileApiErrors.MissingContentLength);
        Assert.False(File.Exists(Path.Combine(Root, "a.txt")));
    }

    [Fact]
    public async Task Write_OverADirectory_400()
    {
        Directory.CreateDirectory(Path.Combine(Root, "plugins"));
        using var response = await WriteAsync(node, "plugins", "x");
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, FileApiErrors.WriteOverDirectory);
    }

    [Fact]
    public async Task Rename_MovesCreatesParents_SkipsMissing_RefusesExisting()
    {
        File.WriteAllText(Path.Combine(Root, "a.txt"), "a");
        File.WriteAllText(Path.Combine(Root, "b.txt"), "b");

        using (var moved = await PutJsonAsync(node, "rename", new { root = "/", files = new[] { new { from = "a.txt", to = "old/a.txt" }, new { from = "gone.txt", to = "x.txt" } } }))
        {
            await AssertNoContentAsync(moved);
        }
        Assert.Equal("a", File.ReadAllText(Path.Combine(Root, "old", "a.txt")));
        Assert.False(File.Exists(Path.Combine(Root, "x.txt")));

        using (var exists = await PutJsonAsync(node, "rename", new { root = "/", files = new[] { new { from = "b.txt", to = "old/a.txt" } } }))
        {
            await AssertErrorAsync(exists, HttpStatusCode.BadRequest, FileApiErrors.RenameExists);
        }
        using (var empty = await PutJsonAsync(node, "rename", new { root = "/", files = Array.Empty<object>() }))
        {
            await AssertErrorAsync(empty, HttpStatusCode.UnprocessableEntity, FileApiErrors.NothingToRename);
        }
        using var theRoot = await PutJsonAsync(node, "rename", new { root = "/", files = new[] { new { from = "/", to = "elsewhere" } } });
        await AssertErrorAsync(theRoot, HttpStatusCode.NotFound, FileApiErrors.NotFound);
    }

    [Fact]
    public async Task Copy_NamesCopiesAfterTheRule_DirectoriesAre404()
    {
        Directory.CreateDirectory(Path.Combine(Root, "maps"));
        File.WriteAllText(Path.Combine(Root, "maps", "de_dust.tar.gz"), "x");

        for (var i = 0; i < 2; i++)
        {
            using var copied = await PostJsonAsync(node, "copy", new { location = "maps/de_dust.tar.gz" });
            await AssertNoContentAsync(copied);
        }

        Assert.Equal(["de_dust copy 1.tar.gz", "de_dust copy.tar.gz", "de_dust.tar.gz"],
            Directory.GetFiles(Path.Combine(Root, "maps")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var directory = await PostJsonAsync(node, "copy", new { location = "maps" });
        await AssertErrorAsync(directory, HttpStatusCode.NotFound, FileApiErrors.NotFound);
    }

    [Fact]
    public async Task Delete_Recursive_EmptyListIs422()
    {
        Directory.CreateDirectory(Path.Combine(Root, "world", "region"));
        File.WriteAllText(Path.Combine(Root, "world", "region", "r.0.0.mca"), "x");

        using (var deleted = await PostJsonAsync(node, "delete", new { root = "/", files = new[] { "world", "not-there" } }))
        {
            await AssertNoContentAsync(deleted);
        }
        Assert.False(Directory.Exists(Path.Combine(Root, "world")));
        using var empty = await PostJsonAsync(node, "delete", new { root = "/", files = Array.Empty<string>() });
        await AssertErrorAsync(empty, HttpStatusCode.UnprocessableEntity, FileApiErrors.NothingToDelete);
    }

    [Fact]
    public async Task CreateDirectory_CreatesParents_ExistingIsFine_FilesConflict()
    {
        File.WriteAllText(Path.Combine(Root, "file"), "x");

        using (var made = await PostJsonAsync(node, "create-directory", new { name = "c", path = "/a/b" }))
        {
            await AssertNoContentAsync(made);
        }
        Assert.True(Directory.Exists(Path.Combine(Root, "a", "b", "c")));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(Root, "a", "b", "c")));
        using (var again = await PostJsonAsync(node, "create-directory", new { name = "c", path = "/a/b" }))
        {
            await AssertNoContentAsync(again);
        }
        using (var conflict = await PostJsonAsync(node, "create-directory", new { name = "file", path = "/" }))
        {
            await AssertErrorAsync(conflict, HttpStatusCode.BadRequest, FileApiErrors.DirectoryOverFile);
        }
        using var throughFile = await PostJsonAsync(node, "create-directory", new { name = "x", path = "/file/sub" });
        await AssertErrorAsync(throughFile, HttpStatusCode.BadRequest, FileApiErrors.PathNotDirectory);
    }

    [Fact]
    public async Task Chmod_SetsOctalMode_RefusesBadAndSpecialModes()
    {
        var path = Path.Combine(Root, "start.sh");
        File.WriteAllText(path, "x");

        using (var ok = await PostJsonAsync(node, "chmod", new { root = "/", files = new[] { new { file = "start.sh", mode = "750" }, new { file = "gone", mode = "644" } } }))
        {
            await AssertNoContentAsync(ok);
        }
        Assert.Equal((UnixFileMode)0b111_101_000, File.GetUnixFileMode(path));
        foreach (var bad in new[] { "abc", "4755", "888", "" })
        {
            using var refused = await PostJsonAsync(node, "chmod", new { root = "/", files = new[] { new { file = "start.sh", mode = bad } } });
            await AssertErrorAsync(refused, HttpStatusCode.BadRequest, FileApiErrors.InvalidMode);
        }
        Assert.Equal((UnixFileMode)0b111_101_000, File.GetUnixFileMode(path));
        using var empty = await PostJsonAsync(node, "chmod", new { root = "/", files = Array.Empty<object>() });
        await AssertErrorAsync(empty, HttpStatusCode.UnprocessableEntity, FileApiErrors.NothingToChmod);
    }

    [Fact]
    public async Task Search_SubstringExtensionAndGlob_PathsFromTheRoot_SkipsVendorFolders()
    {
        Directory.CreateDirectory(Path.Combine(Root, "plugins", "deep"));
        Directory.CreateDirectory(Path.Combine(Root, "node_modules"));
        File.WriteAllText(Path.Combine(Root, "plugins", "Essentials.jar"), "x");
        File.WriteAllText(Path.Combine(Root, "plugins", "deep", "worldedit.JAR"), "x");
        File.WriteAllText(Path.Combine(Root, "node_modules", "hidden.jar"), "x");
        File.WriteAllText(Path.Combine(Root, "readme.md"), "x");

        Assert.Equal(["plugins/Essentials.jar", "plugins/deep/worldedit.JAR"], await SearchAsync(".jar"));
        Assert.Equal(["plugins/Essentials.jar", "plugins/deep/worldedit.JAR"], await SearchAsync("jar"));
        Assert.Equal(["plugins/Essentials.jar"], await SearchAsync("essent"));
        Assert.Equal(["plugins/deep/worldedit.JAR"], await SearchAsync("world*.jar"));
        using var tooShort = await GetAsync(node, "search?directory=/&pattern=ab");
        await AssertErrorAsync(tooShort, HttpStatusCode.BadRequest, FileApiErrors.PatternTooShort);
    }

    [Fact]
    public async Task Limits_BodyFilesNameAndPath_AreRefused()
    {
        using (var badJson = await node.Http.PostAsync($"{Base(node)}/delete", new StringContent("{not json", Encoding.UTF8, "application/json")))
        {
            await AssertErrorAsync(badJson, HttpStatusCode.BadRequest, FileApiErrors.BadJson);
        }
        using (var tooMany = await PostJsonAsync(node, "delete", new { root = "/", files = Enumerable.Range(0, 1001).Select(i => $"f{i}").ToArray() }))
        {
            await AssertErrorAsync(tooMany, HttpStatusCode.UnprocessableEntity, FileApiErrors.TooManyFiles);
        }
        using (var huge = await PostJsonAsync(node, "delete", new { root = "/", files = new[] { new string('a', 1024 * 1024) } }))
        {
            await AssertErrorAsync(huge, HttpStatusCode.RequestEntityTooLarge, FileApiErrors.BodyTooLarge);
        }
        using (var longName = await WriteAsync(node, new string('n', 256), "x"))
        {
            await AssertErrorAsync(longName, HttpStatusCode.BadRequest, FileApiErrors.NameTooLong);
        }
        using var longPath = await WriteAsync(node, string.Join('/', Enumerable.Repeat(new string('p', 200), 21)), "x");
        await AssertErrorAsync(longPath, HttpStatusCode.BadRequest, FileApiErrors.NameTooLong);
    }

    [Fact]
    public async Task UnknownServer_404_AndNoSecret_401()
    {
        using (var unknown = await GetAsync(node, "list-directory?directory=/", Guid.NewGuid().ToString()))
        {
            await AssertErrorAsync(unknown, HttpStatusCode.NotFound, NodeApiErrors.NotFound);
        }
        using var anonymous = new HttpClient { BaseAddress = node.BaseUri };
        using var refused = await anonymous.GetAsync($"{Base(node)}/list-directory?directory=/");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private async Task<string[]> SearchAsync(string pattern)
    {
        using var response = await GetAsync(node, $"search?directory=/&pattern={Q(pattern)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(e => e.GetProperty("name").GetString()!)];
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")]
    private static partial Regex Rfc3339();

    /// <summary>A body of unknown length: HttpClient sends it chunked, without Content-Length.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
