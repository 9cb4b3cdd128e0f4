using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Aerie.Contracts.Socket;

namespace Aerie.Panel.Tests.Infrastructure;

/// <summary>A console client on a real <see cref="ClientWebSocket"/>, as a browser or bot would use the panel's socket URL. Every wait is bounded.</summary>
internal sealed class ConsoleSocket : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket socket = new();
    // One pump owns ReceiveAsync (cancelling a ClientWebSocket receive aborts the socket); null marks the close.
    private readonly Channel<SocketFrame?> inbox = Channel.CreateUnbounded<SocketFrame?>();
    private readonly List<string> seen = [];
    private Task pump = Task.CompletedTask;

    public WebSocketCloseStatus? CloseStatus => socket.CloseStatus;

    /// <summary>Connects to <paramref name="socketUrl"/>, with <c>?token=</c> when <paramref name="token"/> is given.</summary>
    public static async Task<ConsoleSocket> OpenAsync(string socketUrl, string? token = null)
    {
        var uri = token is null ? new Uri(socketUrl) : new Uri(socketUrl + "?token=" + Uri.EscapeDataString(token));
        var client = new ConsoleSocket();
        using var cts = new CancellationTokenSource(DefaultWait);
        await client.socket.ConnectAsync(uri, cts.Token);
        client.pump = client.PumpAsync();
        return client;
    }

    public async Task SendAsync(string name, params string[] args)
    {
        using var cts = new CancellationTokenSource(DefaultWait);
        var json = JsonSerializer.SerializeToUtf8Bytes(new SocketFrame(name, args.Length == 0 ? null : args));
        await socket.SendAsync(json, WebSocketMessageType.Text, true, cts.Token);
    }

    /// <summary>Reads until a frame named <paramref name="name"/>; fails if the socket closes first or nothing comes in time.</summary>
    public async Task<SocketFrame> WaitForAsync(string name, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        try
        {
            while (true)
            {
                var frame = await inbox.Reader.ReadAsync(cts.Token);
                if (frame is null)
                {
                    throw new InvalidOperationException($"socket closed ({socket.CloseStatus} {socket.CloseStatusDescription}) while waiting for '{name}'; got: {Seen()}");
                }
                if (frame.Event == name)
                {
                    return frame;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no '{name}' frame in time; got: {Seen()}");
        }
    }

    /// <summary>Reads until the node closes the socket; throws <see cref="TimeoutException"/> when it is still open after <paramref name="timeout"/>.</summary>
    public async Task<WebSocketCloseStatus?> WaitForCloseAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await inbox.Reader.ReadAsync(cts.Token) is not null)
            {
                // frames sent before the close
            }
            return socket.CloseStatus;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the socket was still open after {timeout.TotalSeconds:0.#}s; got: {Seen()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // already gone
            }
        }
        socket.Dispose();
        await pump.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // Answer the close as a browser does, completing the handshake.
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "", cts.Token);
                    break;
                }
                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    var frame = JsonSerializer.Deserialize<SocketFrame>(message.ToArray());
                    message.SetLength(0);
                    if (frame is not null)
                    {
                        lock (seen)
                        {
                            seen.Add(frame.Event + (frame.Args is { Count: > 0 } a ? " " + string.Join(",", a.Select(x => x.Length > 100 ? x[..100] + "…" : x)) : ""));
                        }
                        inbox.Writer.TryWrite(frame);
                    }
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // the connection dropped, or the test disposed the socket
        }
        inbox.Writer.TryWrite(null);
        inbox.Writer.TryComplete();
    }

    private string Seen()
    {
        lock (seen)
        {
            return string.Join(" | ", seen.TakeLast(10));
        }
    }
}
