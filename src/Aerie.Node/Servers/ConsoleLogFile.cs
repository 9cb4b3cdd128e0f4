using System.Text;
using System.Threading.Channels;

namespace Aerie.Node.Servers;

/// <summary>Every console line of one server on disk (throttled ones too), written by a background task so the
/// game's output never waits on the disk; rotated at a size limit, keeping a few old files.</summary>
internal sealed class ConsoleLogFile : IAsyncDisposable
{
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>(new() { SingleReader = true });
    private readonly string path;
    private readonly long maxBytes;
    private readonly int keep;
    private readonly Task writer;

    public ConsoleLogFile(string path, long maxBytes, int keep)
    {
        this.path = path;
        this.maxBytes = maxBytes;
        this.keep = keep;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        writer = Task.Run(WriteAsync);
    }

    public string FilePath => path;

    public void Append(string line) => lines.Writer.TryWrite(line);

    public async ValueTask DisposeAsync()
    {
        lines.Writer.TryComplete();
        await writer;
    }

    private async Task WriteAsync()
    {
        var stream = Open();
        try
        {
            while (await lines.Reader.WaitToReadAsync())
            {
                while (lines.Reader.TryRead(out var line))
                {
                    var bytes = Encoding.UTF8.GetBytes(line + "\n");
                    await stream.WriteAsync(bytes);
                    if (stream.Length >= maxBytes)
                    {
                        await stream.DisposeAsync();
                        Rotate();
                        stream = Open();
                    }
                }
                await stream.FlushAsync();
            }
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    private FileStream Open() => new(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);

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
