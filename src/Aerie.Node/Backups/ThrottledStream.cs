namespace Aerie.Node.Backups;

/// <summary>Passes bytes through at most <c>bytesPerSecond</c> (<c>system.backups.write_limit</c>, spec 07 §3), by
/// sleeping whenever the bytes moved run ahead of the clock. 0 = no limit. Reads and writes are both counted.</summary>
internal sealed class ThrottledStream(Stream inner, long bytesPerSecond, TimeProvider time) : Stream
{
    private readonly long started = time.GetTimestamp();
    private long moved;

    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        Wait(n);
        return n;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        inner.Write(buffer, offset, count);
        Wait(count);
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Wait(int bytes)
    {
        if (bytesPerSecond <= 0 || bytes <= 0)
        {
            return;
        }
        moved += bytes;
        var due = TimeSpan.FromSeconds((double)moved / bytesPerSecond);
        var ahead = due - time.GetElapsedTime(started);
        if (ahead > TimeSpan.Zero)
        {
            Thread.Sleep(ahead);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
