namespace Aerie.Node.Backups;

/// <summary>At most <c>system.backups.concurrency</c> archives written at once, node-wide; the rest wait in the order
/// they asked (spec 07 §2). A <see cref="SemaphoreSlim"/> does not promise that order, hence the explicit queue.</summary>
internal sealed class BackupQueue(int slots)
{
    private readonly Lock gate = new();
    private readonly Queue<TaskCompletionSource> waiting = new();
    private int free = slots;

    /// <summary>Completes when a slot is this caller's; dispose the result to give it back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        TaskCompletionSource turn;
        lock (gate)
        {
            if (free > 0 && waiting.Count == 0)
            {
                free--;
                return new Slot(this);
            }
            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting.Enqueue(turn);
        }
        using (ct.Register(() => turn.TrySetCanceled(ct)))
        {
            await turn.Task;
        }
        return new Slot(this);
    }

    private void Leave()
    {
        lock (gate)
        {
            // A waiter cancelled meanwhile does not take the slot: the next one does.
            while (waiting.TryDequeue(out var next))
            {
                if (next.TrySetResult())
                {
                    return;
                }
            }
            free++;
        }
    }

    private sealed class Slot(BackupQueue queue) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                queue.Leave();
            }
        }
    }
}
