using System.Net.WebSockets;
using Aerie.Contracts.Socket;
using Aerie.Node.Configuration;
using Aerie.Node.Events;
using Aerie.Node.Servers;
using Aerie.Node.Tokens;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.WebSockets;

/// <summary>One console socket (spec 02). Map: RunAsync starts the send loop, the auth deadline and the expiry
/// watch, then reads frames (size limit → parse → rate limit → dispatch, in ConsoleSession.Inbound.cs).
/// Outbound server frames pass the token's permission gate and go to the bounded send queue.</summary>
internal sealed partial class ConsoleSession : IDisposable
{
    private const WebSocketCloseStatus PolicyViolation = WebSocketCloseStatus.PolicyViolation;

    /// <summary>How long the peer gets to answer our close frame.</summary>
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);
    private readonly WebSocket socket;
    private readonly GameServer server;
    private readonly TokenValidator validator;
    private readonly SocketRegistry registry;
    private readonly SocketSlots slots;
    private readonly SocketSlot slot;
    private readonly NodeConfig config;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SocketSendQueue queue;
    private readonly InboundLimiter limiter;
    private readonly Actor anonymous;
    private readonly CancellationTokenSource stop = new();
    private TaskCompletionSource tokenChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ConsoleToken? token;
    private volatile bool expired;
    private IDisposable? frames;

    public ConsoleSession(WebSocket socket, GameServer server, TokenValidator validator, SocketRegistry registry,
        SocketSlots slots, SocketSlot slot, NodeConfig config, TimeProvider time, ILogger logger, string? ip)
    {
        this.slots = slots;
        this.slot = slot;
        this.socket = socket;
        this.server = server;
        this.validator = validator;
        this.registry = registry;
        this.config = config;
        this.time = time;
        this.logger = logger;
        queue = new SocketSendQueue(config.Websocket.SendQueue);
        limiter = new InboundLimiter(config.Websocket, time);
        anonymous = Actor.User(null, ip);
    }

    public string ServerUuid => server.Uuid;
    public string? UserUuid => token?.UserUuid;

    public async Task RunAsync(string? queryToken, CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, stop.Token);
        var ct = linked.Token;
        registry.Add(this);
        LogOpened(server.Uuid, anonymous.Ip);
        using var signals = server.Signals.Subscribe(OnSignal);
        var sending = queue.RunAsync(socket, ct);
        try
        {
            if (server.IsSuspended)
            {
                queue.RequestClose((WebSocketCloseStatus)SocketCloseCodes.Suspended, SocketCloseCodes.SuspendedReason);
            }
            else
            {
                if (!string.IsNullOrEmpty(queryToken))
                {
                    await AuthAsync(queryToken);
                }
                // A token only ever gets replaced, never cleared: a socket authenticated by `?token=` can never
                // hit the deadline, so it does not hold a deadline timer for its whole first AuthTimeout.
                if (token is null)
                {
                    _ = AuthDeadlineAsync(ct);
                }
                _ = WatchExpiryAsync(ct);
            }
            var receiving = ReceiveLoopAsync(ct);
            // Once we asked to close, a peer that never answers must not hold the session (nor the daemon's shutdown) open.
            if (await Task.WhenAny(receiving, CloseGraceAsync(ct)) != receiving)
            {
                await stop.CancelAsync();
                await receiving;
            }
        }
        finally
        {
            frames?.Dispose();
            registry.Remove(this);
            slots.Release(slot); // at once, not after the close handshake: the place is free for the next console
            LogClosed(server.Uuid, anonymous.Ip, token?.UserUuid);
            // Let the send loop finish the close handshake before tearing the socket down.
            queue.RequestClose(WebSocketCloseStatus.NormalClosure, "");
            await Task.WhenAny(sending, Task.Delay(TimeSpan.FromSeconds(2), time, CancellationToken.None));
            await stop.CancelAsync();
            await sending;
            Dispose();
        }
    }

    public void Dispose() => stop.Dispose();

    /// <summary>The daemon is stopping: close with 1001 so the client reconnects to the next daemon
    /// (and the host does not wait out its shutdown timeout on open sockets).</summary>
    public void GoAway() => queue.RequestClose(WebSocketCloseStatus.EndpointUnavailable, SocketCloseCodes.DaemonStoppingReason);

    /// <summary>The user was deauthorized: close this socket.</summary>
    public void Deauthorize() => queue.RequestClose(PolicyViolation, "token revoked");

    private void Send(OutboundFrame frame) => queue.Enqueue(frame.Utf8);

    private void Send(string name, params ReadOnlySpan<string> args) => queue.Enqueue(FrameEncoder.Encode(name, args));

    // Server frames: only while the token is valid, and only those the token may see.
    private void OnFrame(OutboundFrame frame)
    {
        var current = token;
        if (current is null || expired || (frame.RequiredPermission is { } needed && !current.Grants(needed)))
        {
            return;
        }
        queue.Enqueue(frame.Utf8);
    }

    private void OnSignal(ServerSignal signal)
    {
        if (signal == ServerSignal.Deleted)
        {
            queue.RequestClose(WebSocketCloseStatus.EndpointUnavailable, SocketCloseCodes.DeletedReason, FrameEncoder.Encode(SocketEvents.Deleted));
        }
        else
        {
            queue.RequestClose((WebSocketCloseStatus)SocketCloseCodes.Suspended, SocketCloseCodes.SuspendedReason);
        }
    }

    private async Task CloseGraceAsync(CancellationToken ct)
    {
        try
        {
            await queue.Closing.WaitAsync(ct);
            await Task.Delay(CloseGrace, time, ct);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // the session ended first
        }
    }

    private async Task AuthDeadlineAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(config.Websocket.AuthTimeout), time, ct);
            if (token is null && frames is null)
            {
                queue.RequestClose(PolicyViolation, "authentication timed out");
            }
        }
        catch (OperationCanceledException)
        {
            // socket closed first
        }
    }

    // Sends `token expiring` while ≤ window remains (checked at least every check interval) and `token expired`
    // exactly once at expiry (beyond Wings); wakes early when a new token arrives. A socket still expired after the
    // grace is closed, so an idle console cannot hold a place under the server's socket cap for ever.
    private async Task WatchExpiryAsync(CancellationToken ct)
    {
        var interval = TimeSpan.FromSeconds(config.Websocket.TokenCheckInterval);
        var window = TimeSpan.FromSeconds(config.Websocket.TokenExpiringWindow);
        var grace = TimeSpan.FromSeconds(config.Websocket.ExpiredGrace);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var wake = tokenChanged.Task;
                var wait = interval;
                if (token is { } current)
                {
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
                            queue.RequestClose(PolicyViolation, SocketCloseCodes.ExpiredReason);
                            return;
                        }
                        wait = left < wait ? left : wait;
                    }
                    else
                    {
                        if (remaining <= window)
                        {
                            Send(SocketEvents.TokenExpiring);
                        }
                        wait = remaining < wait ? remaining : wait;
                    }
                }
                await Task.WhenAny(Task.Delay(wait, time, ct), wake);
            }
        }
        catch (OperationCanceledException)
        {
            // socket closed
        }
    }

    // Never log the token or the request URL: `?token=` carries a credential.
    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "console socket opened on server {Server} from {Ip}")]
    private partial void LogOpened(string server, string? ip);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "console socket closed on server {Server} from {Ip} (user {User})")]
    private partial void LogClosed(string server, string? ip, string? user);

    private void TokenReplaced()
    {
        var old = Interlocked.Exchange(ref tokenChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        old.TrySetResult();
    }
}
