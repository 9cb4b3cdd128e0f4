using System.IO.Compression;
using System.Runtime.Versioning;
using Aerie.Node.Files;
using Aerie.Node.Files.Archives;
using Aerie.Node.Servers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aerie.Node.Tests.Files;

/// <summary>The extractor on a confined file system of its own: an extraction that fails half-way removes every file
/// and folder it had created, and only those.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ArchiveExtractorTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("aerie-extract-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task Extract_CorruptSecondEntry_FirstEntryAndItsNewFoldersRemoved_ExistingKept()
    {
        Directory.CreateDirectory(Path.Combine(root, "keep"));
        File.WriteAllText(Path.Combine(root, "keep", "old.txt"), "old");
        using (var zip = ZipFile.Open(Path.Combine(root, "broken.zip"), ZipArchiveMode.Create))
        {
            Write(zip, "keep/new/deep/first.txt", new string('a', 10_000));
            Write(zip, "other/second.txt", new string('b', 10_000));
        }
        // Break the second entry's compressed data (its directory stays readable, so the first pass succeeds).
        var bytes = File.ReadAllBytes(Path.Combine(root, "broken.zip"));
        var second = bytes.AsSpan().IndexOf("other/second.txt"u8) + "other/second.txt".Length;
        for (var i = second + 2; i < second + 12; i++)
        {
            bytes[i] ^= 0xFF;
        }
        File.WriteAllBytes(Path.Combine(root, "broken.zip"), bytes);

        var files = new ServerFileSystem(root, quota: new DiskQuota(new DiskUsage(root, TimeProvider.System), () => 0));
        var extractor = new ArchiveExtractor(files, "test", NullLogger.Instance);
        await Assert.ThrowsAnyAsync<Exception>(() => extractor.ExtractAsync("/", "broken.zip", CancellationToken.None));

        Assert.Equal(["broken.zip", "keep"], Directory.GetFileSystemEntries(root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["old.txt"], Directory.GetFileSystemEntries(Path.Combine(root, "keep")).Select(Path.GetFileName));
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(text);
    }
}
