using System.Globalization;
using System.Net.Http.Headers;
using Aerie.Bench.Infra;
using Aerie.Bench.Reporting;
using Aerie.Contracts.Tokens;

namespace Aerie.Bench.Scenarios;

/// <summary>
/// Scenario 6: the file manager's two heavy paths on a real <c>aerie node</c> child (spec 06). An upload of one big
/// file through a signed URL (<c>POST /upload/file</c>, multipart, as a browser sends it), against the ceiling of
/// copying the same file on the same disk (read and write through user space, 1 MiB buffers, no fsync — the node does
/// not fsync either). And the listing of a folder of many small files through <c>list-directory</c>, against the
/// ceiling of enumerating and stat-ing that folder in-process; the node does more per entry (it opens each file to
/// sniff its type, sorts, writes JSON over HTTP), so the ratio says what those cost, not a loss to a peer.
/// </summary>
internal static class FilesScenario
{
    public const string Name = "files";

    public sealed record Settings(int UploadMiB, int Uploads, int Entries, int Listings)
    {
        public static Settings Full => new(256, 3, 10_000, 15);
        public static Settings Smoke => new(4, 1, 200, 2);
    }

    public static async Task<List<Metric>> RunAsync(Settings settings)
    {
        await using var node = await FileNode.StartAsync(settings.UploadMiB + 1);
        var scratch = Path.Combine(node.DataDir, "scratch");
        Directory.CreateDirectory(scratch);
        var source = Path.Combine(scratch, "upload.bin");
        await WriteRandomAsync(source, settings.UploadMiB * 1048576L);

        using var http = new HttpClient { BaseAddress = node.BaseUri, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BenchNodeConfig.Secret);

        // Upload and copy alternate, so a change of machine load hits both; the first pair warms up and is not counted.
        var uploads = new List<double>();
        var copies = new List<double>();
        for (var i = 0; i <= settings.Uploads; i++)
        {
            var upload = await UploadAsync(http, node, source, $"upload-{i}.bin");
            var copy = await CopyAsync(source, Path.Combine(scratch, $"copy-{i}.bin"));
            if (i > 0)
            {
                uploads.Add(upload);
                copies.Add(copy);
            }
            File.Delete(Path.Combine(node.Root, $"upload-{i}.bin"));
            File.Delete(Path.Combine(scratch, $"copy-{i}.bin"));
        }
        File.Delete(source);

        var folder = Path.Combine(node.Root, "many");
        Directory.CreateDirectory(folder);
        for (var i = 0; i < settings.Entries; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"entry-{i:D5}.txt")), "level=" + i + "\n");
        }
        var listings = new List<double>();
        var enumerations = new List<double>();
        for (var i = 0; i <= settings.Listings; i++)
        {
            var list = await ListAsync(http, node.Uuid, settings.Entries);
            var enumerate = Enumerate(folder, settings.Entries);
            if (i > 0)
            {
                listings.Add(list);
                enumerations.Add(enumerate);
            }
        }

        var upload50 = Median(uploads);
        var copy50 = Median(copies);
        var uploadCase = UploadCase(settings);
        var listCase = ListCase(settings);
        var l = Percentiles.Sorted(listings);
        var e = Percentiles.Sorted(enumerations);
        return
        [
            new Metric(Name, uploadCase, "time (median)", "ms", upload50, copy50, HigherIsBetter: false),
            new Metric(Name, uploadCase, "throughput", "MiB/s", settings.UploadMiB / (upload50 / 1000), settings.UploadMiB / (copy50 / 1000)),
            new Metric(Name, uploadCase, "samples", "", uploads.Count),
            new Metric(Name, listCase, "p50", "ms", Percentiles.Of(l, 50), Percentiles.Of(e, 50), HigherIsBetter: false),
            new Metric(Name, listCase, "p99", "ms", Percentiles.Of(l, 99), Percentiles.Of(e, 99), HigherIsBetter: false),
            new Metric(Name, listCase, "samples", "", l.Count),
        ];
    }

    public static string UploadCase(Settings settings) => string.Create(CultureInfo.InvariantCulture, $"{settings.UploadMiB} MiB upload, signed URL");

    public static string ListCase(Settings settings) => string.Create(CultureInfo.InvariantCulture, $"list-directory, {settings.Entries:N0} entries");

    /// <summary>One multipart upload as the file manager sends it, with a fresh single-use token; checked on disk.</summary>
    private static async Task<double> UploadAsync(HttpClient http, FileNode node, string source, string name)
    {
        var token = node.Tokens.MintSignedUrl(node.Uuid, SignedUrlClaims.FileUploadScope,
            new Dictionary<string, object?> { [TokenClaims.ServerUuid] = node.Uuid });
        await using var file = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        using var body = new MultipartFormDataContent();
        var part = new StreamContent(file, 1 << 20);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Add(part, "files", name);
        var t0 = MonoClock.Now;
        using var response = await http.PostAsync($"/upload/file?token={token}&directory=%2F", body);
        var text = await response.Content.ReadAsStringAsync();
        var ms = MonoClock.MsSince(t0);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"upload: {(int)response.StatusCode} {text}");
        }
        var written = new FileInfo(Path.Combine(node.Root, name));
        if (!written.Exists || written.Length != file.Length)
        {
            throw new InvalidOperationException($"upload: {name} is {(written.Exists ? written.Length : -1)} bytes on disk, sent {file.Length}");
        }
        return ms;
    }

    /// <summary>The ceiling: the same bytes read and written on the same disk by one process.</summary>
    private static async Task<double> CopyAsync(string source, string target)
    {
        var t0 = MonoClock.Now;
        await using (var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan))
        await using (var to = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
        {
            await from.CopyToAsync(to, 1 << 20);
        }
        return MonoClock.MsSince(t0);
    }

    private static async Task<double> ListAsync(HttpClient http, string uuid, int entries)
    {
        var t0 = MonoClock.Now;
        using var response = await http.GetAsync($"/api/servers/{uuid}/files/list-directory?directory=%2Fmany");
        var body = await response.Content.ReadAsByteArrayAsync();
        var ms = MonoClock.MsSince(t0);
        response.EnsureSuccessStatusCode();
        // Every entry carries a "mime" key: a cheap count that the whole folder came back.
        if (Count(body, "\"mime\""u8) != entries)
        {
            throw new InvalidOperationException($"list-directory: expected {entries} entries");
        }
        return ms;
    }

    /// <summary>The ceiling: enumerate the folder and read each entry's metadata (what a Stat needs from lstat).</summary>
    private static double Enumerate(string folder, int entries)
    {
        var t0 = MonoClock.Now;
        var n = 0;
        long sum = 0;
        foreach (var info in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            sum += (info is FileInfo f ? f.Length : 0) + info.LastWriteTimeUtc.Ticks + (long)info.UnixFileMode;
            n++;
        }
        var ms = MonoClock.MsSince(t0);
        return n == entries && sum != 0 ? ms : throw new InvalidOperationException($"enumeration: found {n} entries");
    }

    private static int Count(ReadOnlySpan<byte> text, ReadOnlySpan<byte> word)
    {
        var n = 0;
        for (var at = text.IndexOf(word); at >= 0; at = text.IndexOf(word))
        {
            n++;
            text = text[(at + word.Length)..];
        }
        return n;
    }

    private static double Median(List<double> values) => Percentiles.Of(Percentiles.Sorted(values), 50);

    private static async Task WriteRandomAsync(string path, long bytes)
    {
        var block = new byte[1 << 20];
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        for (long left = bytes; left > 0; left -= block.Length)
        {
            Random.Shared.NextBytes(block);
            await file.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, left)));
        }
    }
}
