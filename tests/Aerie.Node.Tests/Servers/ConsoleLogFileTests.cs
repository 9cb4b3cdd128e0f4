using Aerie.Node.Servers;

namespace Aerie.Node.Tests.Servers;

public sealed class ConsoleLogFileTests
{
    [Fact]
    public async Task Append_OverSizeLimit_RotatesKeepingNewestFiles()
    {
        var dir = Path.Combine(Path.GetTempPath(), "aerie-log-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(dir, "server.log");
        try
        {
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
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
