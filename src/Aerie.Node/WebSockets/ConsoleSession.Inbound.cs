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
    private const int InitialFrameBuffer = 1024;

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        // Most frames (auth with its JWT included) fit in 1 KiB; the buffer grows to the 4 KiB limit only for a
        // socket that sends a bigger one. An idle socket holds this buffer for its whole life.
        var buffer = new byte[InitialFrameBuffer];
        try
        {
            while (socket.State == WebSocketState.Open && !queue.IsClosing)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length && buffer.Length <= MaxFrameBytes)
                    {
                        Array.Resize(ref buffer, MaxFrameBytes + 1);
                    }
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), ct);
                    length += result.Count;
                }
                while (!result.EndOfMessage && length <= MaxFrameBytes && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                if (length > MaxFrameBytes)
                {
                    queue.RequestClose(WebSocketCloseStatus.MessageTooBig, "message too big");
                    break;
                }
                if (result.MessageType == WebSocketMessageType.Text && InboundFrame.TryParse(buffer.AsSpan(0, length), out var name, out var args))
                {
                    await HandleAsync(name, args);
                }
            }
            // We asked to close: wait (bounded) for the peer's close reply so the handshake completes.
            using var grace = new CancellationTokenSource(CloseGrace);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, grace.Token);
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var r = await socket.ReceiveAsync(buffer.AsMemory(), both.Token);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // peer vanished or the socket was aborted
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
                foreach (var line in server.History.Last(config.System.WebsocketLogCount))
                {
                    Send(ServerFrames.Console(line));
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
