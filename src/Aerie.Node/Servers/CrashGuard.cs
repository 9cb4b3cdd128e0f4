namespace Aerie.Node.Servers;

/// <summary>Decides whether a crash is restarted automatically: not when the previous crash was less than
/// <c>power.crash_guard</c> ago (a game that dies at boot would otherwise restart forever). Measured on the
/// injected <see cref="TimeProvider"/> so tests advance fake time instead of sleeping.</summary>
internal sealed class CrashGuard(TimeSpan window, TimeProvider time)
{
    private readonly Lock gate = new();
    private long? lastCrash;

    /// <summary>Records a crash now; true when it may be restarted.</summary>
    public bool RecordCrash()
    {
        var now = time.GetTimestamp();
        lock (gate)
        {
            var previous = lastCrash;
            lastCrash = now;
            return previous is not { } at || time.GetElapsedTime(at, now) >= window;
        }
    }
}
