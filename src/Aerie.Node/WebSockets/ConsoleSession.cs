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

    // Orders "token revoked" against frame fan-out: once the revoking thread holds it and marks the token, no server
    // frame for that token can be queued behind the revocation's `jwt error`.
    private readonly Lock frameGate = new();
    private ConsoleToken? revokedToken;
    private volatile ConsoleToken? token;
    private volatile bool expired;
    private IDisposable? frames;

    // Handed over once and dropped: a parameter of the long-running loop would keep the JWT alive as long as the socket.
    private string? pendingQueryToken;

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

    /// <summary>Runs the session until the socket closes; <paramref name="queryToken"/> is the <c>?token=</c> JWT, if any.</summary>
    public Task RunAsync(string? queryToken, CancellationToken aborted)
    {
        pendingQueryToken = queryToken;
        return RunCoreAsync(aborted);
    }

    private async Task RunCoreAsync(CancellationToken aborted)
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
                await AuthFromQueryAsync();
                // A token only ever gets replaced, never cleared: a socket authenticated by `?token=` can never
                // hit the deadline, so it does not hold a deadline timer for its whole first AuthTimeout.
                if (token is null)
                {
                    _ = AuthDeadlineAsync(ct);
                }
                StartExpiryWatch();
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
            StopExpiryWatch();
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

    private Task AuthFromQueryAsync() =>
        Interlocked.Exchange(ref pendingQueryToken, null) is { Length: > 0 } jwt ? AuthAsync(jwt) : Task.CompletedTask;

    /// <summary>The daemon is stopping: close with 1001 so the client reconnects to the next daemon
    /// (and the host does not wait out its shutdown timeout on open sockets).</summary>
    public void GoAway() => queue.RequestClose(WebSocketCloseStatus.EndpointUnavailable, SocketCloseCodes.DaemonStoppingReason);

    /// <summary>A <c>deauthorize-user</c> covers this socket's token: no frame from now on, then close (spec 02).</summary>
    public bool CloseIfRevoked()
    {
        if (!StopIfRevoked())
        {
            return false;
        }
        queue.RequestClose(PolicyViolation, SocketCloseCodes.RevokedReason);
        return true;
    }

    /// <summary>A revocation covers this socket's token: it gets no more server frames, one <c>jwt error</c> (denylist)
    /// so a console fetches new credentials (Pterodactyl's does, on that string), and is closed unless it re-auths with
    /// a valid token within the expiry grace. True when the held token is revoked.</summary>
    public bool StopIfRevoked()
    {
        var current = token;
        if (current is null || !validator.IsRevoked(current))
        {
            return false;
        }
        lock (frameGate)
        {
            if (ReferenceEquals(revokedToken, current))
            {
                return true;
            }
            revokedToken = current;
            Send(SocketEvents.JwtError, SocketErrors.Denylisted);
        }
        _ = CloseUnlessReauthedAsync(current);
        return true;
    }

    private async Task CloseUnlessReauthedAsync(ConsoleToken revoked)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(config.Websocket.ExpiredGrace), time, stop.Token);
            if (ReferenceEquals(token, revoked))
            {
                queue.RequestClose(PolicyViolation, SocketCloseCodes.RevokedReason);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // the socket closed first
        }
    }

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
        lock (frameGate)
        {
            if (!ReferenceEquals(current, revokedToken))
            {
                queue.Enqueue(frame.Utf8);
            }
        }
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
            // No token on this wait: the session's end always requests a close, and a cancelable wait would hold a
            // promise and a registration on every idle socket.
            await queue.Closing;
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

    // Never log the token or the request URL: `?token=` carries a credential.
    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "console socket opened on server {Server} from {Ip}")]
    private partial void LogOpened(string server, string? ip);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "console socket closed on server {Server} from {Ip} (user {User})")]
    private partial void LogClosed(string server, string? ip, string? user);
}
