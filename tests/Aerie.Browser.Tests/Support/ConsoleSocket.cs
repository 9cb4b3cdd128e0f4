using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Aerie.Contracts.Socket;

namespace Aerie.Browser.Tests.Support;

/// <summary>A raw console socket (spec 02) on <see cref="ClientWebSocket"/>, bypassing the web UI entirely.</summary>
internal sealed class ConsoleSocket : IAsyncDisposable
{
    private readonly ClientWebSocket socket;

    private ConsoleSocket(ClientWebSocket socket) => this.socket = socket;

    public static async Task<ConsoleSocket> ConnectAsync(string url, string origin)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", origin);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(new Uri(url), timeout.Token);
        return new ConsoleSocket(socket);
    }

    public async Task SendAsync(string name, params string[] args)
    {
        var json = JsonSerializer.Serialize(new SocketFrame(name, args.Length == 0 ? null : args));
        await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
    }

    /// <summary>Reads frames until one named <paramref name="name"/> arrives; every frame read is added to <paramref name="seen"/>.</summary>
    public async Task<SocketFrame> WaitForAsync(string name, List<SocketFrame> seen, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var frame = await ReceiveAsync(cts.Token);
            seen.Add(frame);
            if (frame.Event == name)
            {
                return frame;
            }
        }
    }

    /// <summary>Collects every frame that arrives within <paramref name="window"/> (for "nothing happens" checks).</summary>
    public async Task CollectAsync(List<SocketFrame> seen, TimeSpan window)
    {
        using var cts = new CancellationTokenSource(window);
        try
        {
            while (true)
            {
                seen.Add(await ReceiveAsync(cts.Token));
            }
        }
        catch (OperationCanceledException)
        {
            // the window is over
        }
    }

    private async Task<SocketFrame> ReceiveAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"socket closed: {result.CloseStatus} {result.CloseStatusDescription}");
            }
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonSerializer.Deserialize<SocketFrame>(message.ToArray()) ?? throw new InvalidOperationException("empty frame");
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // the node may already be gone
            }
        }
        socket.Dispose();
    }
}
