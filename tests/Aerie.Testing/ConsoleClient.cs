using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Aerie.Contracts.Socket;

namespace Aerie.Testing;

/// <summary>
/// The console socket client of every test (spec 02 frames over a real <see cref="ClientWebSocket"/>), as a
/// browser or bot uses the node's socket, directly or through the URL the panel hands out.
/// One background loop owns <c>ReceiveAsync</c> and feeds a channel: cancelling a pending ClientWebSocket
/// receive aborts the socket, so waits time out on the channel, never on the socket. Every wait is bounded.
/// </summary>
internal sealed class ConsoleClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket socket = new();
    private readonly List<SocketFrame> received = [];
    // null is never written; a completed channel marks the close.
    private readonly Channel<SocketFrame> inbox = Channel.CreateUnbounded<SocketFrame>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private Task pump = Task.CompletedTask;

    private ConsoleClient()
    {
        socket.Options.CollectHttpResponseDetails = true;
    }

    public WebSocket Socket => socket;

    public WebSocketCloseStatus? CloseStatus => socket.CloseStatus;

    /// <summary>Every frame the test has read so far, in order.</summary>
    public IReadOnlyList<SocketFrame> Received => received;

    /// <summary>Connects to <paramref name="uri"/>, sending <c>Origin</c> when <paramref name="origin"/> is given.</summary>
    public static async Task<ConsoleClient> ConnectAsync(Uri uri, string? origin = null)
    {
        var client = new ConsoleClient();
        if (origin is not null)
        {
            client.socket.Options.SetRequestHeader("Origin", origin);
        }
        using var cts = new CancellationTokenSource(DefaultWait);
        try
        {
            await client.socket.ConnectAsync(uri, cts.Token);
        }
        catch
        {
            client.socket.Dispose();
            throw;
        }
        client.pump = client.PumpAsync();
        return client;
    }

    /// <summary>Connects to a socket URL as the panel hands it out, with <c>?token=</c> when <paramref name="token"/> is given.</summary>
    public static Task<ConsoleClient> ConnectAsync(string socketUrl, string? token = null, string? origin = null) =>
        ConnectAsync(token is null ? new Uri(socketUrl) : new Uri(socketUrl + "?token=" + Uri.EscapeDataString(token)), origin);

    /// <summary>Tries to connect; returns the HTTP status of a refused upgrade (101 when it was accepted).</summary>
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

    /// <summary>Next frame, or null when the socket closed. Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<SocketFrame?> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        try
        {
            if (!await inbox.Reader.WaitToReadAsync(cts.Token) || !inbox.Reader.TryRead(out var frame))
            {
                return null;
            }
            received.Add(frame);
            return frame;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no frame within the wait; got: " + Describe());
        }
    }

    /// <summary>Reads until a frame named <paramref name="name"/> (and matching <paramref name="match"/>) arrives; fails on close or timeout.</summary>
    public async Task<SocketFrame> WaitForAsync(string name, Func<SocketFrame, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"no '{name}' frame in time; got: {Describe()}");
            }
            SocketFrame? frame;
            try
            {
                frame = await NextAsync(left);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"no '{name}' frame in time; got: {Describe()}");
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

    public Task<SocketFrame> WaitForAsync(string name, TimeSpan timeout) => WaitForAsync(name, null, timeout);

    public Task<SocketFrame> WaitForConsoleAsync(string text, TimeSpan? timeout = null) =>
        WaitForAsync(SocketEvents.ConsoleOutput, f => f.Args is [var line] && line.Contains(text, StringComparison.Ordinal), timeout);

    public Task<SocketFrame> WaitForStatusAsync(string state, TimeSpan? timeout = null) =>
        WaitForAsync(SocketEvents.Status, f => f.Args is [var s] && s == state, timeout);

    /// <summary>Collects every frame for a while (the socket staying quiet is the point); stops early at a close.</summary>
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

    /// <summary>Reads until the server closes the socket; returns its close status. Throws <see cref="TimeoutException"/> when still open after <paramref name="timeout"/>.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason)> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultWait;
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await NextAsync(deadline - DateTime.UtcNow) is null)
                {
                    return (socket.CloseStatus, socket.CloseStatusDescription);
                }
            }
            catch (TimeoutException)
            {
                break;
            }
        }
        throw new TimeoutException($"the socket was still open after {limit.TotalSeconds:0.#}s; got: {Describe()}");
    }

    /// <summary>The last frames read, for failure messages.</summary>
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
        await pump.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
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
                    // Answer the close as a browser does (echoing its status), so the server's session ends at once.
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
                        inbox.Writer.TryWrite(frame);
                    }
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // the connection dropped, or the test disposed the socket
        }
        inbox.Writer.TryComplete();
    }
}
