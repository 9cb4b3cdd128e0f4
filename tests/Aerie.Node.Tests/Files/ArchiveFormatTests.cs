using System.Diagnostics;
using Aerie.Node.Files.Archives;

namespace Aerie.Node.Tests.Files;

/// <summary>The archive layer on its own: what <c>compress</c> writes, the system's tar/xz/zstd/zip read (and the
/// other way round), detection by content before name.</summary>
public sealed class ArchiveFormatTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("aerie-archive-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData("zip", "Zip")]
    [InlineData("tar.gz", "TarGzip")]
    [InlineData("tbz2", "TarBzip2")]
    [InlineData("tar.xz", "TarXz")]
    public void Writer_EachKind_ReadBackWithModesAndTimes_AndBySystemTools(string extension, string expectedName)
    {
        var expected = Enum.Parse<ArchiveFormat>(expectedName);
        var kind = ArchiveKind.FromExtension(extension);
        var path = Path.Combine(dir, "out" + kind.Suffix);
        var modified = new DateTimeOffset(2024, 5, 6, 7, 8, 10, TimeSpan.Zero);
        using (var file = File.Create(path))
        using (var writer = new ArchiveWriter(file, kind))
        {
            writer.AddDirectory("empty", 0x1ED, modified);
            writer.AddFile("sub/hello.txt", new MemoryStream("hello world"u8.ToArray()), 0x1A4, modified);
        }

        using var read = File.OpenRead(path);
        Assert.Equal(expected, ArchiveDetector.Detect(read, "renamed.bin"));
        var items = ArchiveReader.Read(read, expected, path).Select(i =>
        {
            using var s = i.Open();
            using var text = new StreamReader(s);
            return (i.Path, i.Kind, i.Mode, i.Modified, Text: i.Kind == ArchiveItemKind.File ? text.ReadToEnd() : "");
        }).ToList();
        Assert.Equal(
            [("empty/", ArchiveItemKind.Directory, 0x1ED, modified, ""), ("sub/hello.txt", ArchiveItemKind.File, 0x1A4, modified, "hello world")],
            items.Select(i => (i.Path, i.Kind, i.Mode ?? -1, i.Modified ?? default, i.Text)).ToList());

        var listing = extension == "zip" ? Run("unzip", "-l", path) : Run("tar", "-tvf", path);
        Assert.Contains("sub/hello.txt", listing, StringComparison.Ordinal);
        if (extension != "zip")
        {
            Assert.Contains("-rw-r--r--", listing, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("a.tar", "-cf", "Tar")]
    [InlineData("a.tar.gz", "-czf", "TarGzip")]
    [InlineData("a.tar.bz2", "-cjf", "TarBzip2")]
    [InlineData("a.tar.xz", "-cJf", "TarXz")]
    [InlineData("a.tar.zst", "--zstd -cf", "TarZstd")]
    public void Reader_TarFromSystemTar_DetectedByContentAndRead(string name, string flags, string expectedName)
    {
        var expected = Enum.Parse<ArchiveFormat>(expectedName);
        var src = Path.Combine(dir, "src");
        Directory.CreateDirectory(Path.Combine(src, "d"));
        File.WriteAllText(Path.Combine(src, "d", "f.txt"), "content");
        File.CreateSymbolicLink(Path.Combine(src, "link"), "/etc/passwd");
        var archive = Path.Combine(dir, name);
        Run("tar", [.. flags.Split(' '), archive, "-C", src, "d", "link"]);

        using var read = File.OpenRead(archive);
        Assert.Equal(expected, ArchiveDetector.Detect(read, "no-extension"));
        var items = ArchiveReader.Read(read, expected, archive).Select(i => (i.Path, i.Kind)).ToList();
        Assert.Contains(("d/f.txt", ArchiveItemKind.File), items);
        Assert.Contains(("d/", ArchiveItemKind.Directory), items);
        Assert.Contains(("link", ArchiveItemKind.Symlink), items);
    }

    [Theory]
    [InlineData("gzip", "Gzip", ".gz")]
    [InlineData("bzip2", "Bzip2", ".bz2")]
    [InlineData("xz", "Xz", ".xz")]
    [InlineData("zstd", "Zstd", ".zst")]
    public void Reader_SingleCompressedFile_OneEntryNamedWithoutSuffix(string tool, string expectedName, string suffix)
    {
        var expected = Enum.Parse<ArchiveFormat>(expectedName);
        var plain = Path.Combine(dir, "world.dat");
        File.WriteAllText(plain, "just one file");
        Run(tool, tool == "zstd" ? ["-q", "--rm", plain] : [plain]);
        var archive = plain + suffix;

        using var read = File.OpenRead(archive);
        Assert.Equal(expected, ArchiveDetector.Detect(read, archive));
        var item = Assert.Single(ArchiveReader.Read(read, expected, archive).Select(i =>
        {
            using var text = new StreamReader(i.Open());
            return (i.Path, text.ReadToEnd());
        }));
        Assert.Equal(("world.dat", "just one file"), item);
    }

    [Fact]
    public void Detector_NotAnArchive_Null()
    {
        using var text = new MemoryStream("plain text, not an archive"u8.ToArray());
        Assert.Null(ArchiveDetector.Detect(text, "notes.txt"));
    }

    internal static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), $"{program} did not finish");
        Assert.True(p.ExitCode == 0, $"{program} {string.Join(' ', args)} failed: {error}");
        return output;
    }
}
