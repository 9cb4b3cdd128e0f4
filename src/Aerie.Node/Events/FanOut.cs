namespace Aerie.Node.Events;

/// <summary>Copy-on-write subscriber list: publishing is a lock-free walk over a snapshot, so the hot path
/// never waits on subscribe/unsubscribe. Subscribers must not block (they enqueue and return).</summary>
internal sealed class FanOut<T>
{
    private readonly Lock gate = new();
    private Action<T>[] subscribers = [];

    public int Count => Volatile.Read(ref subscribers).Length;

    public IDisposable Subscribe(Action<T> subscriber)
    {
        lock (gate)
        {
            subscribers = [.. subscribers, subscriber];
        }
        return new Subscription(this, subscriber);
    }

    public void Publish(T item)
    {
        foreach (var subscriber in Volatile.Read(ref subscribers))
        {
            subscriber(item);
        }
    }

    private void Remove(Action<T> subscriber)
    {
        lock (gate)
        {
            subscribers = [.. subscribers.Where(s => !ReferenceEquals(s, subscriber))];
        }
    }

    private sealed class Subscription(FanOut<T> owner, Action<T> subscriber) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Remove(subscriber);
            }
        }
    }
}
