using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Aerie.Node.Environments.Docker;

/// <summary>The game's stdin: an attach connection opened on first use and reopened once if it broke.
/// Output arriving on it is drained and ignored (the console comes from <see cref="LogFollower"/>).
/// Closing it never closes the container's stdin (StdinOnce=false), so the daemon may come and go.</summary>
internal sealed class StdinChannel(DockerEngine engine, string containerId) : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly CancellationTokenSource closing = new();
    private MultiplexedStream? attached;
    private int disposed;

    public async Task WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        await gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var stream = attached ??= await OpenAsync(cancellationToken);
                try
                {
                    await stream.WriteAsync(bytes, 0, bytes.Length, cancellationToken);
                    return;
                }
                catch (IOException) when (attempt == 0)
                {
                    stream.Dispose();
                    attached = null;
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<MultiplexedStream> OpenAsync(CancellationToken cancellationToken)
    {
        var stream = await engine.Client.Containers.AttachContainerAsync(
            containerId,
            new ContainerAttachParameters { Stream = true, Stdin = true, Stdout = false, Stderr = false },
            cancellationToken);
        _ = DrainAsync(stream, closing.Token);
        return stream;
    }

    private static async Task DrainAsync(MultiplexedStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            while (!(await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken)).EOF)
            {
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection closed; the next write reopens it.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        await closing.CancelAsync();
        await gate.WaitAsync();
        try
        {
            attached?.Dispose();
            attached = null;
        }
        finally
        {
            gate.Release();
        }
        closing.Dispose();
        gate.Dispose();
    }
}
