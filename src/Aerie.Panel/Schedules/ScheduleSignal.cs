namespace Aerie.Panel.Schedules;

/// <summary>Wakes this process's schedule runner after "run now" instead of at its next pass (another process's runner finds it at its own).</summary>
internal sealed class ScheduleSignal(TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Wake()
    {
        try
        {
            semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up is enough.
        }
    }

    /// <summary>Returns after <paramref name="timeout"/> on <see cref="TimeProvider"/>'s clock or at a wake-up, whichever first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, ct);
        try
        {
            await semaphore.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The interval passed.
        }
    }

    public void Dispose() => semaphore.Dispose();
}
