using System.Net.Sockets;
using System.Text;

namespace Aerie.Node.Tests.Support;

/// <summary>A WebSocket upgrade over a plain TCP socket: to read a refused upgrade's body, and to see the
/// node's ping frames (ClientWebSocket answers pings silently).</summary>
internal sealed class RawUpgrade : IDisposable
{
    private readonly TcpClient tcp = new();
    private NetworkStream? stream;

    public int Status { get; private set; }
    public string Body { get; private set; } = "";

    public static async Task<RawUpgrade> ConnectAsync(Uri baseUri, string path)
    {
        var raw = new RawUpgrade();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await raw.tcp.ConnectAsync(baseUri.Host, baseUri.Port, cts.Token);
        raw.stream = raw.tcp.GetStream();
        var request = $"GET {path} HTTP/1.1\r\nHost: {baseUri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await raw.stream.WriteAsync(Encoding.ASCII.GetBytes(request), cts.Token);
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await raw.stream.ReadAsync(one, cts.Token) == 0)
            {
                break;
            }
            head.Append((char)one[0]);
        }
        var lines = head.ToString().Split("\r\n");
        raw.Status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var lengthLine = lines.FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (lengthLine is not null)
        {
            var body = new byte[int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)];
            await raw.stream.ReadExactlyAsync(body, cts.Token);
            raw.Body = Encoding.UTF8.GetString(body);
        }
        else if (lines.Any(l => l.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)))
        {
            raw.Body = await raw.ReadChunkedAsync(cts.Token);
        }
        return raw;
    }

    private async Task<string> ReadChunkedAsync(CancellationToken ct)
    {
        var body = new MemoryStream();
        while (true)
        {
            var size = Convert.ToInt32((await ReadLineAsync(ct)).Trim(), 16);
            if (size == 0)
            {
                return Encoding.UTF8.GetString(body.ToArray());
            }
            var chunk = new byte[size];
            await stream!.ReadExactlyAsync(chunk, ct);
            body.Write(chunk);
            await ReadLineAsync(ct);
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken ct)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (!line.ToString().EndsWith("\r\n", StringComparison.Ordinal) && await stream!.ReadAsync(one, ct) > 0)
        {
            line.Append((char)one[0]);
        }
        return line.ToString();
    }

    /// <summary>Reads frames until a text frame contains <paramref name="text"/>.</summary>
    public async Task<bool> WaitForTextAsync(string text, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var (opcode, payload) = await ReadFrameAsync(cts.Token);
                if (opcode == 0x1 && Encoding.UTF8.GetString(payload).Contains(text, StringComparison.Ordinal))
                {
                    return true;
                }
                if (opcode == 0x8)
                {
                    return false;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>True when the node ends the connection (close frame, EOF or reset) within the timeout.</summary>
    public async Task<bool> WaitForEndAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while ((await ReadFrameAsync(cts.Token)).Opcode != 0x8)
            {
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            return true;
        }
    }

    private async Task<(int Opcode, byte[] Payload)> ReadFrameAsync(CancellationToken ct)
    {
        var header = new byte[2];
        await stream!.ReadExactlyAsync(header, ct);
        long length = header[1] & 0x7F;
        if (length == 126)
        {
            var ext = new byte[2];
            await stream.ReadExactlyAsync(ext, ct);
            length = (ext[0] << 8) | ext[1];
        }
        else if (length == 127)
        {
            var ext = new byte[8];
            await stream.ReadExactlyAsync(ext, ct);
            length = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(ext);
        }
        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload, ct);
        return (header[0] & 0x0F, payload);
    }

    /// <summary>Reads frames until one with <paramref name="opcode"/> arrives (server frames are unmasked).</summary>
    public async Task<bool> WaitForOpcodeAsync(int opcode, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var header = new byte[2];
        try
        {
            while (true)
            {
                await stream!.ReadExactlyAsync(header, cts.Token);
                long length = header[1] & 0x7F;
                if (length == 126)
                {
                    var ext = new byte[2];
                    await stream.ReadExactlyAsync(ext, cts.Token);
                    length = (ext[0] << 8) | ext[1];
                }
                else if (length == 127)
                {
                    var ext = new byte[8];
                    await stream.ReadExactlyAsync(ext, cts.Token);
                    length = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(ext);
                }
                await stream.ReadExactlyAsync(new byte[length], cts.Token);
                if ((header[0] & 0x0F) == opcode)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => tcp.Dispose();
}
