using System.Buffers;
using System.Net.WebSockets;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.Permissions;
using Aerie.Contracts.Socket;
using Aerie.Node.Servers;
using Aerie.Node.Tokens;

namespace Aerie.Node.WebSockets;

/// <summary>Inbound side: frame size limit (1009), parse (drop garbage), rate limits, token gate, events.</summary>
internal sealed partial class ConsoleSession
{
    private const int MaxFrameBytes = 4096;

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        try
        {
            while (socket.State == WebSocketState.Open && !queue.IsClosing)
            {
                // An idle socket waits with a zero-byte read, so it holds no receive buffer between frames (10,000
                // idle consoles would otherwise pin 10,000 buffers); the pooled buffer is rented once a frame arrives.
                var first = await socket.ReceiveAsync(Memory<byte>.Empty, ct);
                if (first.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                var (parsed, name, args) = await ReadFrameAsync(first, ct);
                if (parsed is null)
                {
                    return;
                }
                if (parsed == true)
                {
                    await HandleAsync(name, args);
                }
            }
            // We asked to close: wait (bounded) for the peer's close reply so the handshake completes.
            using var grace = new CancellationTokenSource(CloseGrace);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, grace.Token);
            var drain = ArrayPool<byte>.Shared.Rent(MaxFrameBytes);
            try
            {
                while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
                {
                    var r = await socket.ReceiveAsync(drain.AsMemory(), both.Token);
                    if (r.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(drain);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // peer vanished or the socket was aborted
        }
    }

    /// <summary>Reads the rest of the frame whose start <paramref name="first"/> announced into a pooled buffer and
    /// parses it. Null: the peer closed; false: nothing to handle (garbage, binary, or too big, which asks to close).</summary>
    private async Task<(bool? Parsed, string Name, string[] Args)> ReadFrameAsync(ValueWebSocketReceiveResult first, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxFrameBytes + 1);
        try
        {
            var length = 0;
            var result = first;
            while (!result.EndOfMessage && length <= MaxFrameBytes)
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(length, MaxFrameBytes + 1 - length), ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (null, "", []);
                }
                length += result.Count;
            }
            if (length > MaxFrameBytes)
            {
                queue.RequestClose(WebSocketCloseStatus.MessageTooBig, "message too big");
                return (false, "", []);
            }
            if (result.MessageType != WebSocketMessageType.Text || !InboundFrame.TryParse(buffer.AsSpan(0, length), out var name, out var args))
            {
                return (false, "", []);
            }
            return (true, name, args);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task HandleAsync(string name, string[] args)
    {
        if (!limiter.TryAcquire(name, out var notify))
        {
            if (notify is not null)
            {
                Send(SocketEvents.Throttled, notify);
            }
            return;
        }
        if (name == SocketEvents.Auth)
        {
            await AuthAsync(string.Concat(args));
            return;
        }
        var current = token;
        var problem = current is null ? SocketErrors.NoJwt : expired ? SocketErrors.ExpInvalid : validator.Recheck(current);
        if (problem is not null || current is null)
        {
            Send(SocketEvents.JwtError, problem ?? SocketErrors.NoJwt);
            return;
        }
        var actor = anonymous with { UserUuid = current.UserUuid };
        switch (name)
        {
            case SocketEvents.SendLogs:
                foreach (var frame in server.History.LastFrames(config.System.WebsocketLogCount))
                {
                    Send(frame);
                }
                break;
            case SocketEvents.SendStats:
                Send(ServerFrames.Stats(await server.GetStatsAsync()));
                break;
            case SocketEvents.SendCommand when current.Grants(Permission.ControlConsole) && args.Length > 0:
                DaemonError(current, await server.SendCommandAsync(string.Concat(args), actor), userFacing: true);
                break;
            case SocketEvents.SetState:
                await SetStateAsync(current, args.Length > 0 ? args[0] : "", actor);
                break;
            default:
                break; // unknown events are ignored
        }
    }

    private async Task SetStateAsync(ConsoleToken current, string action, Actor actor)
    {
        var permission = action switch
        {
            PowerActions.Start => Permission.ControlStart,
            PowerActions.Stop or PowerActions.Kill => Permission.ControlStop,
            PowerActions.Restart => Permission.ControlRestart,
            _ => null,
        };
        if (permission is null)
        {
            DaemonError(current, $"invalid power action '{action}'", userFacing: false);
            return;
        }
        if (!current.Grants(permission))
        {
            return;
        }
        // Power actions can take minutes (stop timeout); the socket keeps reading meanwhile.
        _ = Task.Run(async () =>
        {
            var error = await server.PowerAsync(action, actor);
            DaemonError(current, error, userFacing: error is SocketErrors.PowerLocked or SocketErrors.ServerRunning or SocketErrors.ServerInstalling or DiskGuard.StartRefused
                || PortGuard.IsRefusal(error));
        });
    }

    // `daemon error` text: the real reason for admin.websocket.errors holders (and for messages meant for
    // users, like the busy power lock), otherwise the generic text.
    private void DaemonError(ConsoleToken current, string? reason, bool userFacing)
    {
        if (reason is null)
        {
            return;
        }
        var text = userFacing || current.Grants(Permission.AdminErrors) ? reason : SocketErrors.Unexpected;
        Send(SocketEvents.DaemonError, SocketErrors.ErrorEvent(server.Uuid, text));
    }

    private async Task AuthAsync(string jwt)
    {
        var result = await validator.ValidateAsync(jwt, server.Uuid);
        if (result.Token is not { } fresh)
        {
            FailedAuth(result.Error ?? SocketErrors.NoJwt);
            return;
        }
        // The cap is claimed here, atomically, however the socket got this far: sockets opened while the server had
        // room and authenticated later must not all get in.
        if (!slots.TryAuthenticate(slot, fresh.UserUuid))
        {
            queue.RequestClose((WebSocketCloseStatus)SocketCloseCodes.TooManySockets, NodeApiErrors.TooManySockets);
            return;
        }
        token = fresh;
        expired = false;
        TokenReplaced();
        Send(SocketEvents.AuthSuccess);
        // A revocation that landed between the check above and now must still reach this socket.
        StopIfRevoked();
        if (frames is not null)
        {
            return; // a re-auth only replaces the token
        }
        frames = server.Frames.Subscribe(OnFrame);
        var state = server.State;
        Send(ServerFrames.Status(state));
        if (state == ServerStates.Offline)
        {
            Send(ServerFrames.Stats(await server.GetStatsAsync()));
        }
    }

    // Spec 02's table: its token errors are a prefixed `jwt error`; anything else (a bad signature, not a JWT) is a
    // `daemon error` whose real reason only an admin.websocket.errors holder sees (a failed auth keeps the held token).
    private void FailedAuth(string error)
    {
        if (TokenResult.IsJwtError(error))
        {
            Send(SocketEvents.JwtError, SocketErrors.ErrorEvent(server.Uuid, error));
            return;
        }
        var text = token?.Grants(Permission.AdminErrors) == true ? error : SocketErrors.Unexpected;
        Send(SocketEvents.DaemonError, SocketErrors.ErrorEvent(server.Uuid, text));
    }
}
