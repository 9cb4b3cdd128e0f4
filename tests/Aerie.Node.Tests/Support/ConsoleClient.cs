using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Aerie.Contracts.Socket;

namespace Aerie.Node.Tests.Support;

/// <summary>A real console socket client (ClientWebSocket) with waits that always time out.</summary>
internal sealed class ConsoleClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket socket = new();
    private readonly List<SocketFrame> received = [];
    // One reader task owns ReceiveAsync: cancelling a ClientWebSocket receive aborts the socket.
    private readonly Channel<SocketFrame?> inbox = Channel.CreateUnbounded<SocketFrame?>();
    private Task? pump;

    private ConsoleClient()
    {
        socket.Options.CollectHttpResponseDetails = true;
    }

    public WebSocket Socket => socket;
    public IReadOnlyList<SocketFrame> Received => received;

    public static async Task<ConsoleClient> ConnectAsync(Uri uri, string? origin = null)
    {
        var client = new ConsoleClient();
        if (origin is not null)
        {
            client.socket.Options.SetRequestHeader("Origin", origin);
        }
        using var cts = new CancellationTokenSource(DefaultWait);
        await client.socket.ConnectAsync(uri, cts.Token);
        client.pump = client.PumpAsync();
        return client;
    }

    /// <summary>Tries to connect; returns the HTTP status of a refused upgrade.</summary>
    public static async Task<int> RefusedStatusAsync(Uri uri, string? origin = null)
    {
        using var client = new ClientWebSocket();
        client.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            client.Options.SetRequestHeader("Origin", origin);
        }
        using var cts = new CancellationTokenSource(DefaultWait);
        try
        {
            await client.ConnectAsync(uri, cts.Token);
        }
        catch (WebSocketException)
        {
            return (int)client.HttpStatusCode;
        }
        return 101;
    }

    public Task SendAsync(string name, params string[] args) =>
        SendRawAsync(JsonSerializer.Serialize(new SocketFrame(name, args.Length == 0 ? null : args)));

    public async Task SendRawAsync(string text, WebSocketMessageType type = WebSocketMessageType.Text)
    {
        using var cts = new CancellationTokenSource(DefaultWait);
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), type, true, cts.Token);
    }

    public Task AuthAsync(string token) => SendAsync(SocketEvents.Auth, token);

    /// <summary>Authenticates and waits for the first-auth sequence (auth success, status).</summary>
    public async Task AuthenticateAsync(string token)
    {
        await AuthAsync(token);
        await WaitForAsync(SocketEvents.AuthSuccess);
        await WaitForAsync(SocketEvents.Status);
    }

    /// <summary>Next frame, or null when the socket closed. Throws TimeoutException after <paramref name="timeout"/>.</summary>
    public async Task<SocketFrame?> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        try
        {
            if (!await inbox.Reader.WaitToReadAsync(cts.Token))
            {
                return null;
            }
            inbox.Reader.TryRead(out var frame);
            if (frame is not null)
            {
                received.Add(frame);
            }
            return frame;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no frame within the wait");
        }
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[256 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // Answer the close like a browser does, so the server's session ends at once.
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    break;
                }
                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    inbox.Writer.TryWrite(JsonSerializer.Deserialize<SocketFrame>(message.ToArray()));
                    message.SetLength(0);
                }
            }
        }
        catch (WebSocketException)
        {
            // connection dropped
        }
        catch (ObjectDisposedException)
        {
            // disposed by the test
        }
        inbox.Writer.TryComplete();
    }

    /// <summary>Reads until a frame matches; fails on close or timeout.</summary>
    public async Task<SocketFrame> WaitForAsync(string name, Func<SocketFrame, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"no '{name}' frame; got: {Describe()}");
            }
            SocketFrame? frame;
            try
            {
                frame = await NextAsync(left);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"no '{name}' frame; got: {Describe()}");
            }
            if (frame is null)
            {
                throw new InvalidOperationException($"socket closed ({socket.CloseStatus} {socket.CloseStatusDescription}) while waiting for '{name}'; got: {Describe()}");
            }
            if (frame.Event == name && (match is null || match(frame)))
            {
                return frame;
            }
        }
    }

    public Task<SocketFrame> WaitForConsoleAsync(string text, TimeSpan? timeout = null) =>
        WaitForAsync(SocketEvents.ConsoleOutput, f => f.Args is [var line] && line.Contains(text, StringComparison.Ordinal), timeout);

    public Task<SocketFrame> WaitForStatusAsync(string state, TimeSpan? timeout = null) =>
        WaitForAsync(SocketEvents.Status, f => f.Args is [var s] && s == state, timeout);

    /// <summary>Collects every frame for a while (the socket staying quiet is the point).</summary>
    public async Task<List<SocketFrame>> CollectAsync(TimeSpan window)
    {
        var frames = new List<SocketFrame>();
        var deadline = DateTime.UtcNow + window;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var frame = await NextAsync(deadline - DateTime.UtcNow);
                if (frame is null)
                {
                    break;
                }
                frames.Add(frame);
            }
            catch (TimeoutException)
            {
                break;
            }
        }
        return frames;
    }

    /// <summary>Reads until the server closes the socket; returns its close status.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason)> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await NextAsync(deadline - DateTime.UtcNow) is null)
                {
                    return (socket.CloseStatus, socket.CloseStatusDescription);
                }
            }
            catch (WebSocketException)
            {
                return (socket.CloseStatus, socket.CloseStatusDescription);
            }
        }
        throw new TimeoutException("socket did not close; got: " + Describe());
    }

    public string Describe() => string.Join(" | ", received.TakeLast(15).Select(f => f.Event + (f.Args is null ? "" : " " + string.Join(",", f.Args.Select(a => a.Length > 80 ? a[..80] + "…" : a)))));

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
        if (pump is not null)
        {
            await pump.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
