using System.Globalization;
using System.Net.WebSockets;
using System.Threading.Channels;
using Aerie.Contracts.Socket;
using Aerie.Node.Events;

namespace Aerie.Node.WebSockets;

/// <summary>One socket's bounded outbound queue. A socket that cannot keep up loses its oldest frames and is
/// told how many (beyond Wings); it never slows the game or other sockets. The single send loop also performs
/// the close handshake, since a WebSocket allows one send at a time.</summary>
internal sealed class SocketSendQueue
{
    private readonly Channel<ReadOnlyMemory<byte>> channel;
    private readonly TaskCompletionSource<(WebSocketCloseStatus Code, string Reason, ReadOnlyMemory<byte>? Final)> close =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long dropped;

    public SocketSendQueue(int capacity)
    {
        channel = Channel.CreateBounded<ReadOnlyMemory<byte>>(
            new BoundedChannelOptions(Math.Max(16, capacity)) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref dropped));
    }

    public void Enqueue(ReadOnlyMemory<byte> frame) => channel.Writer.TryWrite(frame);

    /// <summary>Asks the send loop to stop after the frame in flight, send <paramref name="final"/> if any, then close.</summary>
    public void RequestClose(WebSocketCloseStatus code, string reason, ReadOnlyMemory<byte>? final = null)
    {
        if (close.TrySetResult((code, reason, final)))
        {
            // Completing the channel wakes an idle send loop; nothing queued after a close would be sent anyway.
            channel.Writer.TryComplete();
        }
    }

    public bool IsClosing => close.Task.IsCompleted;

    /// <summary>Completes when a close has been requested.</summary>
    public Task Closing => close.Task;

    public async Task RunAsync(WebSocket socket, CancellationToken ct)
    {
        // Waits and sends take no token: an uncancelable wait reuses the channel's one waiter and an uncancelable send
        // takes the socket's synchronous path, so the loop allocates nothing per frame or per wake-up. One registration
        // for the socket's life ends it instead: abort what is in flight (as a cancelled send did) and stop waiting.
        using var stop = ct.Register(static state =>
        {
            var (writer, ws) = ((ChannelWriter<ReadOnlyMemory<byte>>, WebSocket))state!;
            writer.TryComplete();
            ws.Abort();
        }, (channel.Writer, socket));
        try
        {
            while (!close.Task.IsCompleted && await channel.Reader.WaitToReadAsync(CancellationToken.None))
            {
                while (!close.Task.IsCompleted && channel.Reader.TryRead(out var frame))
                {
                    var lost = Interlocked.Exchange(ref dropped, 0);
                    if (lost > 0)
                    {
                        await SendAsync(socket, LostNotice(lost));
                    }
                    await SendAsync(socket, frame);
                }
            }
            if (!ct.IsCancellationRequested && close.Task.IsCompleted && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                var (code, reason, final) = await close.Task;
                if (final is { } last)
                {
                    await SendAsync(socket, last);
                }
                await socket.CloseOutputAsync(code, reason, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the peer went away (or the session aborted the socket); the receive loop ends the session
        }
    }

    private static ValueTask SendAsync(WebSocket socket, ReadOnlyMemory<byte> frame) =>
        socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static byte[] LostNotice(long lost) => FrameEncoder.Encode(SocketEvents.ConsoleOutput,
        SocketErrors.DaemonNotice(string.Create(CultureInfo.InvariantCulture, $"{lost} messages were dropped because this connection could not keep up.")));
}
