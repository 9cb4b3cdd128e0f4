using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json;
using Aerie.Contracts.NodeApi;
using SharpCompress.Common;
using SharpCompress.Writers.SevenZip;
using static Aerie.Node.Tests.Files.FileApiCalls;

namespace Aerie.Node.Tests.Files;

/// <summary><c>compress</c> and <c>decompress</c> over real HTTP on a real node (spec 06 §2, §3): every format both
/// ways, the archive's modes and times kept, zip-slip, links and FIFOs skipped, and archives over the disk limit
/// leaving nothing behind.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class FileArchivesApiTests
{
    private static readonly DateTime Stamp = new(2023, 3, 4, 5, 6, 8, DateTimeKind.Utc);

    private static string Root(TestNode node)
    {
        var root = node.Server.WorkingDirectory;
        Directory.CreateDirectory(root);
        return root;
    }

    /// <summary>src/a.txt (0640, a fixed mtime), src/sub/b.bin, src/empty/.</summary>
    private static void MakeSource(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "src", "sub"));
        Directory.CreateDirectory(Path.Combine(root, "src", "empty"));
        var a = Path.Combine(root, "src", "a.txt");
        File.WriteAllText(a, "alpha");
        File.SetUnixFileMode(a, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        File.SetLastWriteTimeUtc(a, Stamp);
        File.WriteAllBytes(Path.Combine(root, "src", "sub", "b.bin"), [1, 2, 3, 4, 5]);
    }

    private static void AssertSource(string root)
    {
        var a = Path.Combine(root, "src", "a.txt");
        Assert.Equal("alpha", File.ReadAllText(a));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(a));
        Assert.Equal(Stamp, File.GetLastWriteTimeUtc(a));
        Assert.Equal([1, 2, 3, 4, 5], File.ReadAllBytes(Path.Combine(root, "src", "sub", "b.bin")));
        Assert.True(Directory.Exists(Path.Combine(root, "src", "empty")));
    }

    [Theory]
    [InlineData("zip", ".zip")]
    [InlineData("tar.gz", ".tar.gz")]
    [InlineData("tgz", ".tgz")]
    [InlineData("tar.bz2", ".tar.bz2")]
    [InlineData("tar.xz", ".tar.xz")]
    [InlineData("rar", ".tar.gz")]
    public async Task Compress_ThenDecompress_RoundTripKeepsContentModesTimesAndEmptyFolders(string extension, string suffix)
    {
        await using var node = await TestNode.StartAsync();
        var root = Root(node);
        MakeSource(root);

        using var compress = await PostJsonAsync(node, "compress", new { root = "/", files = new[] { "src" }, extension });
        var body = await compress.Content.ReadAsStringAsync();
        Assert.True(compress.StatusCode == HttpStatusCode.OK, body);
        using var stat = JsonDocument.Parse(body);
        var name = stat.RootElement.GetProperty("name").GetString()!;
        Assert.Matches(@"^archive-\d{4}-\d{2}-\d{2}T\d{6}Z" + System.Text.RegularExpressions.Regex.Escape(suffix) + "$", name);
        Assert.True(stat.RootElement.GetProperty("file").GetBoolean());
        Assert.Equal(new FileInfo(Path.Combine(root, name)).Length, stat.RootElement.GetProperty("size").GetInt64());

        Directory.Delete(Path.Combine(root, "src"), recursive: true);
        using var decompress = await PostJsonAsync(node, "decompress", new { root = "/", file = name });
        await AssertNoContentAsync(decompress);
        AssertSource(root);
    }

    [Fact]
    public async Task Compress_NamedTakenDenylistedAndEmpty_SpecAnswers()
    {
        await using var node = await TestNode.StartAsync(c => c.Servers[0].FileDenylist = ["secret.txt"]);
        var root = Root(node);
        MakeSource(root);
        File.WriteAllText(Path.Combine(root, "src", "secret.txt"), "no");
        File.WriteAllText(Path.Combine(root, "secret.txt"), "no");
        File.WriteAllText(Path.Combine(root, "backup.zip"), "taken");

        using (var named = await PostJsonAsync(node, "compress", new { root = "/", files = new[] { "src" }, name = "backup", extension = "zip" }))
        {
            Assert.Equal(HttpStatusCode.OK, named.StatusCode);
            Assert.Equal("backup copy.zip", (await named.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        }
        using (var zip = ZipFile.OpenRead(Path.Combine(root, "backup copy.zip")))
        {
            Assert.Equal(["src/", "src/a.txt", "src/empty/", "src/sub/", "src/sub/b.bin"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        }
        using (var empty = await PostJsonAsync(node, "compress", new { root = "/", files = Array.Empty<string>() }))
        {
            await AssertErrorAsync(empty, HttpStatusCode.UnprocessableEntity, ArchiveErrors.NoFilesToCompress);
        }
        using (var skipped = await PostJsonAsync(node, "compress", new { root = "/", files = new[] { "secret.txt", "missing.txt" } }))
        {
            await AssertErrorAsync(skipped, HttpStatusCode.BadRequest, ArchiveErrors.NoValidFiles);
        }
    }

    [Fact]
    public async Task Compress_OverTheDiskLimit_400_ArchiveDeleted_DiskFull_409()
    {
        await using var node = await TestNode.StartAsync(c => c.Servers[0].Limits.Disk = 1);
        var root = Root(node);
        // 700 KiB of noise compresses to about as much: with the input, the archive passes 1 MiB.
        File.WriteAllBytes(Path.Combine(root, "noise.bin"), RandomBytes(700 * 1024));
        using (var over = await PostJsonAsync(node, "compress", new { root = "/", files = new[] { "noise.bin" }, extension = "zip" }))
        {
            await AssertErrorAsync(over, HttpStatusCode.BadRequest, FileApiErrors.DiskSpace);
        }
        Assert.Equal(["noise.bin"], Directory.GetFileSystemEntries(root).Select(Path.GetFileName));

        File.WriteAllBytes(Path.Combine(root, "more.bin"), new byte[400 * 1024]);
        // The usage figure is cached for a few seconds: asked again until the node sees the full disk.
        await Eventually.TrueAsync(async () =>
        {
            using var full = await PostJsonAsync(node, "compress", new { root = "/", files = new[] { "more.bin" } });
            return full.StatusCode == HttpStatusCode.Conflict
                && (await full.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString() == ArchiveErrors.DiskFullForArchive;
        }, "compress refused on a full disk", TimeSpan.FromSeconds(15));
    }

    [Theory]
    [InlineData("a.tar", "-cf")]
    [InlineData("a.tar.gz", "-czf")]
    [InlineData("a.tgz", "-czf")]
    [InlineData("a.tar.bz2", "-cjf")]
    [InlineData("a.tar.xz", "-cJf")]
    [InlineData("a.tar.zst", "--zstd -cf")]
    public async Task Decompress_TarsFromSystemTar_Extracted(string name, string flags)
    {
        await using var node = await TestNode.StartAsync();
        var root = Root(node);
        var staging = Directory.CreateTempSubdirectory("aerie-src-").FullName;
        try
        {
            MakeSource(staging);
            ArchiveFormatTests.Run("tar", [.. flags.Split(' '), Path.Combine(root, name), "-C", staging, "src"]);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
        using var response = await PostJsonAsync(node, "decompress", new { root = "/", file = name });
        await AssertNoContentAsync(response);
        AssertSource(root);
    }

    [Fact]
    public async Task Decompress_ZipFromZipTool_And7zFromSharpCompress_Extracted()
    {
        await using var node = await TestNode.StartAsync();
        var root = Root(node);
        var staging = Directory.CreateTempSubdirectory("aerie-src-").FullName;
        try
        {
            MakeSource(staging);
            ArchiveFormatTests.Run("sh", "-c", $"cd '{staging}' && zip -qr '{Path.Combine(root, "tool.zip")}' src");
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
        using (var zip = await PostJsonAsync(node, "decompress", new { root = "/", file = "tool.zip" }))
        {
            await AssertNoContentAsync(zip);
        }
        AssertSource(root);

        using (var file = File.Create(Path.Combine(root, "seven.7z")))
        using (var writer = new SevenZipWriter(file, new SevenZipWriterOptions(CompressionType.LZMA)))
        {
            writer.WriteDirectory("seven", Stamp);
            writer.Write("seven/inside.txt", new MemoryStream("from 7z"u8.ToArray()), Stamp);
        }
        using (var seven = await PostJsonAsync(node, "decompress", new { root = "/", file = "seven.7z" }))
        {
            await AssertNoContentAsync(seven);
        }
        Assert.Equal("from 7z", File.ReadAllText(Path.Combine(root, "seven", "inside.txt")));
        Assert.Equal(Stamp, File.GetLastWriteTimeUtc(Path.Combine(root, "seven", "inside.txt")));
    }

    [Fact]
    public async Task Decompress_Rar_Extracted()
    {
        await using var node = await TestNode.StartAsync();
        var root = Root(node);
        Directory.CreateDirectory(Path.Combine(root, "in"));
        File.WriteAllBytes(Path.Combine(root, "in", "stored.rar"), RarBuilder.Stored("docs/readme.txt", "from rar"u8.ToArray(), Stamp));
        // The name is no help: detection goes by content first.
        File.Move(Path.Combine(root, "in", "stored.rar"), Path.Combine(root, "in", "upload.bin"));

        using var response = await PostJsonAsync(node, "decompress", new { root = "/in", file = "upload.bin" });
        await AssertNoContentAsync(response);
        Assert.Equal("from rar", File.ReadAllText(Path.Combine(root, "in", "docs", "readme.txt")));
    }

    [Theory]
    [InlineData("gzip", ".gz")]
    [InlineData("bzip2", ".bz2")]
    [InlineData("xz", ".xz")]
    [InlineData("zstd", ".zst")]
    public async Task Decompress_SingleCompressedFile_WrittenNextToItWithoutTheSuffix(string tool, string suffix)
    {
        await using var node = await TestNode.StartAsync();
        var root = Root(node);
        Directory.CreateDirectory(Path.Combine(root, "maps"));
        var plain = Path.Combine(root, "maps", "world.dat");
        File.WriteAllText(plain, "one compressed file");
        ArchiveFormatTests.Run(tool, tool == "zstd" ? ["-q", "--rm", plain] : [plain]);
        Assert.False(File.Exists(plain));

        // root "/" but the file is in maps/: the result goes beside the archive.
        using var response = await PostJsonAsync(node, "decompress", new { root = "/", file = "maps/world.dat" + suffix });
        await AssertNoContentAsync(response);
        Assert.Equal("one compressed file", File.ReadAllText(plain));
    }

    [Fact]
    public async Task Decompress_NotAnArchive_400_Missing_404()
    {
        await using var node = await TestNode.StartAsync();
        var root = Root(node);
        File.WriteAllText(Path.Combine(root, "notes.txt"), "plain text");
        using (var text = await PostJsonAsync(node, "decompress", new { root = "/", file = "notes.txt" }))
        {
            await AssertErrorAsync(text, HttpStatusCode.BadRequest, ArchiveErrors.UnknownFormat);
        }
        using (var missing = await PostJsonAsync(node, "decompress", new { root = "/", file = "nope.zip" }))
        {
            await AssertErrorAsync(missing, HttpStatusCode.NotFound, FileApiErrors.NotFound);
        }
    }

    [Fact]
    public async Task Decompress_ZipSlip_404_NothingWritten()
    {
        await using var node = await TestNode.StartAsync();
        var root = Root(node);
        var escape = Path.Combine(Path.GetDirectoryName(root)!, "escaped-" + Guid.NewGuid().ToString("N") + ".txt");
        using (var zip = ZipFile.Open(Path.Combine(root, "slip.zip"), ZipArchiveMode.Create))
        {
            Write(zip, "fine.txt", "ok");
            Write(zip, "../" + Path.GetFileName(escape), "escaped");
            Write(zip, "deep/../../../../../../tmp/" + Path.GetFileName(escape), "escaped");
        }
        using var response = await PostJsonAsync(node, "decompress", new { root = "/", file = "slip.zip" });
        await AssertErrorAsync(response, HttpStatusCode.NotFound, FileApiErrors.NotFound);
        Assert.False(File.Exists(escape));
        Assert.False(File.Exists(Path.Combine("/tmp", Path.GetFileName(escape))));
        Assert.Equal(["slip.zip"], Directory.GetFileSystemEntries(root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Decompress_LinksDevicesAndFifos_Skipped_RegularFilesWritten()
    {
        await using var node = await TestNode.StartAsync(c => c.Servers[0].FileDenylist = ["*.secret"]);
        var root = Root(node);
        var staging = Directory.CreateTempSubdirectory("aerie-src-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(staging, "pack"));
            File.WriteAllText(Path.Combine(staging, "pack", "real.txt"), "real");
            File.WriteAllText(Path.Combine(staging, "pack", "key.secret"), "denied");
            File.CreateSymbolicLink(Path.Combine(staging, "pack", "passwd"), "/etc/passwd");
            File.CreateSymbolicLink(Path.Combine(staging, "pack", "up"), "../../..");
            ArchiveFormatTests.Run("ln", Path.Combine(staging, "pack", "real.txt"), Path.Combine(staging, "pack", "hard.txt"));
            ArchiveFormatTests.Run("mkfifo", Path.Combine(staging, "pack", "pipe"));
            ArchiveFormatTests.Run("tar", "-czf", Path.Combine(root, "links.tar.gz"), "-C", staging, "pack");
            using var zip = ZipFile.Open(Path.Combine(root, "links.zip"), ZipArchiveMode.Create);
            var link = zip.CreateEntry("zipped/passwd");
            link.ExternalAttributes = (0xA000 | 0x1FF) << 16;
            using (var target = new StreamWriter(link.Open()))
            {
                target.Write("/etc/passwd");
            }
            Write(zip, "zipped/ok.txt", "ok");
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }

        using (var tar = await PostJsonAsync(node, "decompress", new { root = "/", file = "links.tar.gz" }))
        {
            await AssertNoContentAsync(tar);
        }
        using (var zipped = await PostJsonAsync(node, "decompress", new { root = "/", file = "links.zip" }))
        {
            await AssertNoContentAsync(zipped);
        }
        // tar stores the second name of a hard link as a link entry: skipped like symlinks, so one of the two names stays.
        var pack = Directory.GetFileSystemEntries(Path.Combine(root, "pack")).Select(Path.GetFileName).ToList();
        Assert.Single(pack);
        Assert.Contains(pack[0], new[] { "real.txt", "hard.txt" });
        Assert.Equal("real", File.ReadAllText(Path.Combine(root, "pack", pack[0]!)));
        Assert.Equal(["ok.txt"], Directory.GetFileSystemEntries(Path.Combine(root, "zipped")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Decompress_BombOverTheDiskLimit_400_NothingLeft()
    {
        await using var node = await TestNode.StartAsync(c => c.Servers[0].Limits.Disk = 1);
        var root = Root(node);
        // Honest headers: the sum (3 MiB) is refused before anything is written.
        using (var file = File.Create(Path.Combine(root, "bomb.tar.gz")))
        using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
        using (var tar = new System.Formats.Tar.TarWriter(gzip))
        {
            for (var i = 0; i < 3; i++)
            {
                tar.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, $"bomb/part{i}") { DataStream = new MemoryStream(new byte[1024 * 1024]) });
            }
        }
        // A lone .gz says no size: the writer stops it at the limit.
        using (var file = File.Create(Path.Combine(root, "zeros.gz")))
        using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
        {
            gzip.Write(new byte[3 * 1024 * 1024]);
        }
        var before = Directory.GetFileSystemEntries(root).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        using (var honest = await PostJsonAsync(node, "decompress", new { root = "/", file = "bomb.tar.gz" }))
        {
            await AssertErrorAsync(honest, HttpStatusCode.BadRequest, FileApiErrors.DiskSpace);
        }
        using (var single = await PostJsonAsync(node, "decompress", new { root = "/", file = "zeros.gz" }))
        {
            await AssertErrorAsync(single, HttpStatusCode.BadRequest, FileApiErrors.DiskSpace);
        }
        Assert.Equal(before, Directory.GetFileSystemEntries(root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static byte[] RandomBytes(int n)
    {
        var bytes = new byte[n];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(text);
    }
}
