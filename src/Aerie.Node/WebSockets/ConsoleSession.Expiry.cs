using System.Net.WebSockets;
using Aerie.Contracts.Socket;

namespace Aerie.Node.WebSockets;

/// <summary>Token expiry: sends <c>token expiring</c> while ≤ window remains (checked at least every check interval)
/// and <c>token expired</c> exactly once at expiry (beyond Wings); decides again at once when a new token arrives. A
/// socket still expired after the grace is closed, so an idle console cannot hold a place under the server's socket
/// cap for ever.</summary>
internal sealed partial class ConsoleSession
{
    // One timer per socket, re-armed for the next decision, rather than an async loop parked on a Task.Delay, a
    // WhenAny and a TaskCompletionSource: an idle socket holds a timer, not a chain of tasks.
    private readonly Lock expiryGate = new();
    private ITimer? expiryTimer;
    private bool watchEnded;

    /// <summary>Starts watching; the first decision is taken now, on the caller.</summary>
    private void StartExpiryWatch()
    {
        lock (expiryGate)
        {
            expiryTimer = time.CreateTimer(static s => ((ConsoleSession)s!).CheckExpiry(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        CheckExpiry();
    }

    private void StopExpiryWatch()
    {
        lock (expiryGate)
        {
            watchEnded = true;
            expiryTimer?.Dispose();
        }
    }

    // A new token: decide again at once, on the pool (as the old loop's wake-up did) rather than inside the auth.
    private void TokenReplaced()
    {
        if (Volatile.Read(ref expiryTimer) is not null)
        {
            ThreadPool.QueueUserWorkItem(static s => s.CheckExpiry(), this, preferLocal: false);
        }
    }

    private void CheckExpiry()
    {
        lock (expiryGate)
        {
            if (watchEnded || expiryTimer is null)
            {
                return;
            }
            if (NextExpiryCheck() is { } wait)
            {
                expiryTimer.Change(wait, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Sends what is due now and says when to look again; null once the socket is being closed.</summary>
    private TimeSpan? NextExpiryCheck()
    {
        var interval = TimeSpan.FromSeconds(config.Websocket.TokenCheckInterval);
        var window = TimeSpan.FromSeconds(config.Websocket.TokenExpiringWindow);
        var grace = TimeSpan.FromSeconds(config.Websocket.ExpiredGrace);
        while (true)
        {
            var wait = interval;
            if (token is not { } current)
            {
                return wait;
            }
            var remaining = DateTimeOffset.FromUnixTimeSeconds(current.ExpiresAt) - time.GetUtcNow();
            if (!expired && remaining <= TimeSpan.Zero)
            {
                expired = true;
                Send(SocketEvents.TokenExpired);
                continue;
            }
            if (expired)
            {
                // Deadlines are absolute (from exp), so a late wake-up never stretches the grace.
                var left = remaining + grace;
                if (left <= TimeSpan.Zero)
                {
                    queue.RequestClose(WebSocketCloseStatus.PolicyViolation, SocketCloseCodes.ExpiredReason);
                    return null;
                }
                return left < wait ? left : wait;
            }
            if (remaining <= window)
            {
                Send(SocketEvents.TokenExpiring);
            }
            return remaining < wait ? remaining : wait;
        }
    }
}
