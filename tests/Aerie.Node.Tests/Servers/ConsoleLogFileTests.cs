using Aerie.Node.Servers;
using Aerie.Node.Tests.Support;

namespace Aerie.Node.Tests.Servers;

public sealed class ConsoleLogFileTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly string dir = Path.Combine(Path.GetTempPath(), "aerie-log-" + Guid.NewGuid().ToString("N"));

    private string LogPath => Path.Combine(dir, "server.log");

    [Fact]
    public async Task Append_OverSizeLimit_RotatesKeepingNewestFiles()
    {
        var path = LogPath;
        var log = new ConsoleLogFile(path, maxBytes: 1000, keep: 2);
        for (var i = 0; i < 500; i++)
        {
            log.Append($"line {i:D4} " + new string('.', 40));
        }
        await log.DisposeAsync();
        Assert.True(File.Exists(path + ".1"));
        Assert.True(File.Exists(path + ".2"));
        Assert.False(File.Exists(path + ".3"));
        var newest = File.ReadAllLines(File.Exists(path) && new FileInfo(path).Length > 0 ? path : path + ".1");
        Assert.StartsWith("line 0499", newest[^1], StringComparison.Ordinal);
        Assert.All(Directory.GetFiles(dir), f => Assert.True(new FileInfo(f).Length < 1100));
    }

    [Fact]
    public async Task Append_DiskTooSlow_QueueStaysBounded_DroppedCountWritten_LaterLinesWritten()
    {
        var disk = new SlowStreamFault();
        var log = new ConsoleLogFile(LogPath, maxBytes: 1 << 20, keep: 1, new ConsoleLogLimits(Lines: 100), disk.Wrap);
        log.Append("first");
        // The writer now holds "first" on the stalled disk: the queue is empty and 100 lines fit.
        await disk.WriteStarted.WaitAsync(Wait);
        for (var i = 0; i < 600; i++)
        {
            log.Append($"burst {i}");
        }
        Assert.Equal(100, log.Pending);

        disk.Release();
        // first + 100 queued + the notice, with no further line from the game: the writer reports the gap itself.
        await Eventually.TrueAsync(() => disk.Writes >= 102 && log.Pending == 0, "the writer to catch up", Wait);
        log.Append("after 0");
        log.Append("after 1");
        await log.DisposeAsync();

        string[] expected = ["first", .. Enumerable.Range(0, 100).Select(i => $"burst {i}"), ConsoleLogFile.DroppedNotice(500), "after 0", "after 1"];
        Assert.Equal(expected, File.ReadAllLines(LogPath));
    }

    [Fact]
    public async Task Append_DiskTooSlow_LongLinesBoundedByCharacters()
    {
        var disk = new SlowStreamFault();
        var log = new ConsoleLogFile(LogPath, maxBytes: 1 << 20, keep: 1, new ConsoleLogLimits(Lines: 1000, Chars: 10_000), disk.Wrap);
        log.Append("first");
        await disk.WriteStarted.WaitAsync(Wait);
        var line = new string('x', 1000);
        for (var i = 0; i < 50; i++)
        {
            log.Append(line);
        }
        Assert.Equal(10, log.Pending);
        Assert.Equal(10_000, log.PendingChars);

        disk.Release();
        await log.DisposeAsync();

        var written = File.ReadAllLines(LogPath);
        Assert.Equal(12, written.Length);
        Assert.Equal(ConsoleLogFile.DroppedNotice(40), written[^1]);
        Assert.Equal(0, log.PendingChars);
    }

    [Fact]
    public void DroppedNotice_IsADaemonLine_WithTheCount()
    {
        Assert.Equal("\u001b[1m\u001b[33m[Aerie Daemon]:\u001b[0m 7 console lines were not written to the log (disk too slow)", ConsoleLogFile.DroppedNotice(7));
    }

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
