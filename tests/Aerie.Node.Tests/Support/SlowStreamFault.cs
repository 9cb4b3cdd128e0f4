namespace Aerie.Node.Tests.Support;

/// <summary>A disk that cannot keep up: every write to a wrapped stream waits until <see cref="Release"/>, so a test
/// decides exactly when the disk is behind. <see cref="WriteStarted"/> completes when the first write is held.</summary>
internal sealed class SlowStreamFault
{
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int writes;

    public Task WriteStarted => started.Task;

    /// <summary>Writes that reached the real stream.</summary>
    public int Writes => Volatile.Read(ref writes);

    public void Release() => released.TrySetResult();

    public Stream Wrap(Stream inner) => new Stalling(inner, this);

    private sealed class Stalling(Stream inner, SlowStreamFault fault) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            fault.started.TrySetResult();
            await fault.released.Task.WaitAsync(cancellationToken);
            await inner.WriteAsync(buffer, cancellationToken);
            Interlocked.Increment(ref fault.writes);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
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
}
