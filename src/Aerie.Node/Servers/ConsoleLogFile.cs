using System.Text;
using System.Threading.Channels;
using Aerie.Contracts.Socket;
using Aerie.Node.Storage;

namespace Aerie.Node.Servers;

/// <summary>Every console line of one server on disk (throttled ones too), written by a background task so the
/// game's output never waits on the disk; rotated at a size limit, keeping a few old files; each file 0600 in a
/// 0700 folder. The backlog is bounded (<see cref="ConsoleLogLimits"/>): while the disk is behind, new lines are
/// dropped and counted, and one <see cref="DroppedNotice"/> line stands where they were once there is room again.</summary>
internal sealed class ConsoleLogFile : IAsyncDisposable
{
    private readonly Channel<string> lines;
    private readonly ConsoleLogLimits limits;
    private readonly Func<Stream, Stream> wrap;
    private readonly string path;
    private readonly long maxBytes;
    private readonly int keep;
    private readonly Task writer;
    private long pendingChars;
    private long dropped;

    /// <param name="wrap">Wraps each opened file stream; tests put a slow disk here.</param>
    public ConsoleLogFile(string path, long maxBytes, int keep, ConsoleLogLimits? limits = null, Func<Stream, Stream>? wrap = null)
    {
        this.path = path;
        this.maxBytes = maxBytes;
        this.keep = keep;
        this.limits = limits ?? ConsoleLogLimits.Default;
        this.wrap = wrap ?? (s => s);
        // Wait, never DropWrite: a refused TryWrite is how a dropped line gets counted.
        lines = Channel.CreateBounded<string>(new BoundedChannelOptions(this.limits.Lines) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        PrivateFiles.CreateFolder(Path.GetDirectoryName(path)!);
        writer = Task.Run(WriteAsync);
    }

    public string FilePath => path;

    /// <summary>Lines waiting for the disk.</summary>
    public int Pending => lines.Reader.Count;

    /// <summary>Characters waiting for the disk.</summary>
    public long PendingChars => Interlocked.Read(ref pendingChars);

    /// <summary>The line written in place of <paramref name="count"/> lines the disk could not keep up with.</summary>
    public static string DroppedNotice(long count) => SocketErrors.DaemonNotice($"{count} console lines were not written to the log (disk too slow)");

    /// <summary>Queues a line; never waits. A line that does not fit is dropped and counted.</summary>
    public void Append(string line)
    {
        // The count goes in ahead of the first line that fits again, so the notice marks where the gap is.
        if (Interlocked.Read(ref dropped) > 0)
        {
            TryQueueNotice();
        }
        if (!TryQueue(line))
        {
            Interlocked.Increment(ref dropped);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lines.Writer.TryComplete();
        await writer;
    }

    private bool TryQueue(string line)
    {
        if (Interlocked.Add(ref pendingChars, line.Length) <= limits.Chars && lines.Writer.TryWrite(line))
        {
            return true;
        }
        Interlocked.Add(ref pendingChars, -line.Length);
        return false;
    }

    private void TryQueueNotice()
    {
        var count = Interlocked.Exchange(ref dropped, 0);
        if (count > 0 && !TryQueue(DroppedNotice(count)))
        {
            Interlocked.Add(ref dropped, count);
        }
    }

    private async Task WriteAsync()
    {
        var (stream, size) = Open();
        try
        {
            while (await lines.Reader.WaitToReadAsync())
            {
                while (lines.Reader.TryRead(out var line))
                {
                    Interlocked.Add(ref pendingChars, -line.Length);
                    (stream, size) = await WriteLineAsync(stream, size, line);
                }
                // Caught up: a gap the game went quiet after is reported now, not at its next line.
                TryQueueNotice();
                await stream.FlushAsync();
            }
            var late = Interlocked.Exchange(ref dropped, 0);
            if (late > 0)
            {
                (stream, _) = await WriteLineAsync(stream, size, DroppedNotice(late));
            }
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    private async Task<(Stream Stream, long Size)> WriteLineAsync(Stream stream, long size, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        await stream.WriteAsync(bytes);
        size += bytes.Length;
        if (size < maxBytes)
        {
            return (stream, size);
        }
        await stream.DisposeAsync();
        Rotate();
        return Open();
    }

    private (Stream Stream, long Size) Open()
    {
        var file = PrivateFiles.OpenWrite(path, FileMode.Append, FileShare.ReadWrite | FileShare.Delete);
        return (wrap(file), file.Length);
    }

    private void Rotate()
    {
        for (var i = keep; i >= 1; i--)
        {
            var from = i == 1 ? path : $"{path}.{i - 1}";
            if (File.Exists(from))
            {
                File.Move(from, $"{path}.{i}", overwrite: true);
            }
        }
        if (keep < 1)
        {
            File.Delete(path);
        }
    }
}
