using System.Text;
using Aerie.Node.Configuration;
using Aerie.Node.Servers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aerie.Node.Tests.Servers;

public sealed class ActivitySpoolTests : IDisposable
{
    private readonly NodeConfig config = TestNode.NewConfig();

    public void Dispose()
    {
        if (Directory.Exists(config.System.Data))
        {
            Directory.Delete(config.System.Data, recursive: true);
        }
    }

    private ActivitySpool NewSpool() => new(config, NullLogger<ActivitySpool>.Instance);

    private static byte[] Record(int i) => Encoding.UTF8.GetBytes($$"""{"n":{{i}}}""");

    private static List<string> DrainAll(ActivitySpool spool)
    {
        var seen = new List<string>();
        while (spool.Peek(48 * 1024, 300) is { Count: > 0 } batch)
        {
            seen.AddRange(batch.Select(b => Encoding.UTF8.GetString(b)));
            spool.Commit(batch.Count);
        }
        return seen;
    }

    [Fact]
    public void Spool_PastTheMemoryBound_SpillsToA0600File_AndDrainsInOrder()
    {
        using var spool = NewSpool();
        for (var i = 0; i < 2500; i++)
        {
            spool.Add(Record(i));
        }
        Assert.Equal(ActivitySpool.MemoryEntries, spool.Pending.InMemory);
        var file = NodePaths.ActivitySpoolFile(config);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => Encoding.UTF8.GetString(Record(i))), DrainAll(spool));
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void Spool_Persisted_NextStartSendsItFirst()
    {
        using (var first = NewSpool())
        {
            for (var i = 0; i < 1500; i++)
            {
                first.Add(Record(i));
            }
            first.Commit(first.Peek(48 * 1024, 10).Count);
            first.Persist();
        }
        using var second = NewSpool();
        second.Add(Record(1500));
        Assert.Equal(Enumerable.Range(10, 1491).Select(i => Encoding.UTF8.GetString(Record(i))), DrainAll(second));
    }

    [Fact]
    public void Spool_Peek_StaysWithinTheByteBudget()
    {
        using var spool = NewSpool();
        for (var i = 0; i < 100; i++)
        {
            spool.Add(new byte[1000]);
        }
        var batch = spool.Peek(10_000, 500);
        Assert.Equal(9, batch.Count); // {"data":[ … ]} plus 9 × (1,000 + a comma) fits, a tenth does not
    }
}
