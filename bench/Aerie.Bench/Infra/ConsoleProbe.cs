using System.Buffers.Text;
using System.Net.WebSockets;
using System.Text;

namespace Aerie.Bench.Infra;

/// <summary>A lean console socket client: counts `console output` lines that carry a flooder timestamp
/// (<c>&lt;monotonic ticks&gt; &lt;seq&gt;</c>) and records write→receive latency. It reads bytes, not JSON,
/// so the client side costs as little as possible.</summary>
internal sealed class ConsoleProbe : IAsyncDisposable
{
    private static readonly byte[] ConsolePrefix = Encoding.UTF8.GetBytes("{\"event\":\"console output\",\"args\":[\"");
    private static readonly byte[] AuthSuccess = Encoding.UTF8.GetBytes("\"auth success\"");
    private static readonly byte[] DroppedMarker = Encoding.UTF8.GetBytes(" messages were dropped");
    private static readonly byte[] ThrottleMarker = Encoding.UTF8.GetBytes(Contracts.Socket.SocketErrors.ThrottleNotice);
    private readonly ClientWebSocket socket = new();
    private readonly List<double>? latencies;
    private readonly TaskCompletionSource authed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<long> firstConsole = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] buffer;
    private Task? pump;
    private int lines;

    private ConsoleProbe(int bufferSize, bool recordLatency)
    {
        buffer = new byte[bufferSize];
        latencies = recordLatency ? [] : null;
        socket.Options.SetBuffer(bufferSize, 1024);
        socket.Options.KeepAliveInterval = Timeout.InfiniteTimeSpan;
    }

    public int Lines => Volatile.Read(ref lines);
    public IReadOnlyList<double> LatenciesMs => latencies ?? [];
    public long LastLineAt { get; private set; }
    public long FirstStamp { get; private set; } = long.MaxValue;
    public int Notices { get; private set; }
    public long DroppedByNode { get; private set; }

    /// <summary>Throttle episodes the node announced: lines were withheld from every socket (still kept in history).</summary>
    public int ThrottleEpisodes { get; private set; }
    public Task Authenticated => authed.Task;
    public Task<long> FirstConsoleAt => firstConsole.Task;

    public static async Task<ConsoleProbe> ConnectAsync(Uri uri, int bufferSize = 4096, bool recordLatency = false, TimeSpan? timeout = null)
    {
        var probe = new ConsoleProbe(bufferSize, recordLatency);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        await probe.socket.ConnectAsync(uri, cts.Token);
        probe.pump = probe.PumpAsync();
        return probe;
    }

    public Task SendAsync(string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task PumpAsync()
    {
        var filled = 0;
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(filled), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                filled += result.Count;
                if (!result.EndOfMessage)
                {
                    if (filled == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }
                    continue;
                }
                Handle(buffer.AsSpan(0, filled), MonoClock.Now);
                filled = 0;
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // closed by the peer or by us
        }
        authed.TrySetException(new InvalidOperationException("socket closed before auth success"));
        firstConsole.TrySetException(new InvalidOperationException("socket closed before console output"));
    }

    private void Handle(ReadOnlySpan<byte> frame, long now)
    {
        if (!frame.StartsWith(ConsolePrefix))
        {
            if (frame.IndexOf(AuthSuccess) >= 0)
            {
                authed.TrySetResult();
            }
            return;
        }
        firstConsole.TrySetResult(now);
        var text = frame[ConsolePrefix.Length..];
        if (Utf8Parser.TryParse(text, out long stamp, out var used) && used > 0 && used < text.Length && text[used] == (byte)' ')
        {
            LastLineAt = now;
            FirstStamp = Math.Min(FirstStamp, stamp);
            latencies?.Add(MonoClock.Ms(stamp, now));
            Volatile.Write(ref lines, lines + 1);
            return;
        }
        Notices++;
        if (text.IndexOf(ThrottleMarker) >= 0)
        {
            ThrottleEpisodes++;
        }
        var marker = text.IndexOf(DroppedMarker);
        if (marker > 0)
        {
            // "... [Aerie Daemon]: ...<n> messages were dropped ..." — read the number just before the marker.
            var start = marker;
            while (start > 0 && text[start - 1] is >= (byte)'0' and <= (byte)'9')
            {
                start--;
            }
            if (Utf8Parser.TryParse(text[start..marker], out long lost, out _))
            {
                DroppedByNode += lost;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // already gone
            }
        }
        socket.Abort();
        socket.Dispose();
        if (pump is not null)
        {
            await pump.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
