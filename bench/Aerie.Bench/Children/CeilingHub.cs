using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Threading.Channels;
using Aerie.Contracts.Socket;
using Aerie.Node.Events;

namespace Aerie.Bench.Children;

/// <summary>The fan-out ceiling: a bare broadcaster. Each line is encoded once into the same frame bytes the
/// node sends and queued to every socket (bounded, oldest dropped — the same policy), one send loop per socket.
/// No auth, throttle, history or disk: what is left is the cost of Kestrel + WebSockets on this machine.</summary>
internal sealed class CeilingHub
{
    private static readonly byte[] Hello = FrameEncoder.Encode(SocketEvents.AuthSuccess);
    private readonly Lock gate = new();
    private Channel<byte[]>[] sockets = [];

    public async Task AcceptAsync(Microsoft.AspNetCore.Http.HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        queue.Writer.TryWrite(Hello);
        lock (gate)
        {
            sockets = [.. sockets, queue];
        }
        var send = SendLoopAsync(socket, queue.Reader);
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                // Any message is answered with one console line: the first-byte ceiling.
                queue.Writer.TryWrite(Line(0));
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // peer gone
        }
        lock (gate)
        {
            sockets = [.. sockets.Where(s => s != queue)];
        }
        queue.Writer.TryComplete();
        await send;
    }

    public void Flood(int count, int rate) =>
        _ = Task.Factory.StartNew(() => Pacer.Run(count, rate, seq => Publish(Line(seq)), () => { }), TaskCreationOptions.LongRunning);

    public void Mark() => Publish(Line(0));

    public int Count => Volatile.Read(ref sockets).Length;

    private void Publish(byte[] frame)
    {
        foreach (var socket in Volatile.Read(ref sockets))
        {
            socket.Writer.TryWrite(frame);
        }
    }

    private static byte[] Line(int seq) =>
        FrameEncoder.Encode(SocketEvents.ConsoleOutput, string.Create(CultureInfo.InvariantCulture, $"{Stopwatch.GetTimestamp()} {seq}"));

    private static async Task SendLoopAsync(WebSocket socket, ChannelReader<byte[]> reader)
    {
        try
        {
            await foreach (var frame in reader.ReadAllAsync())
            {
                await socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // peer gone
        }
    }
}
