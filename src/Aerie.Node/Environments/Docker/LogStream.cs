using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Aerie.Node.Environments.Docker;

/// <summary>Reads <c>/containers/{id}/logs?timestamps=1</c> and demultiplexes it: 8-byte frame headers
/// (stream, 3 zero bytes, big-endian size), one log entry per frame, each starting with its RFC 3339
/// timestamp and a space. Raw HTTP because stripping the stamp needs the frame boundaries, which the
/// Docker.DotNet stream hides.</summary>
internal static class LogStream
{
    private const int MaxStampLength = 40;

    public static async IAsyncEnumerable<LogEntry> ReadAsync(DockerEngine engine, string containerId, string query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = $"{engine.ApiVersion}/containers/{Uri.EscapeDataString(containerId)}/logs?stdout=1&stderr=1&timestamps=1{query}";
        using var response = await engine.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new EnvironmentException($"Docker engine refused the console stream ({(int)response.StatusCode}): {body.Trim()}");
        }
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var header = new byte[8];
        while (await ReadFullAsync(stream, header, cancellationToken))
        {
            var size = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)), int.MaxValue);
            var frame = new byte[size];
            if (!await ReadFullAsync(stream, frame, cancellationToken))
            {
                yield break;
            }
            var space = frame.AsSpan(0, Math.Min(size, MaxStampLength + 1)).IndexOf((byte)' ');
            if (space > 0 && EngineTimestamp.TryParse(frame.AsSpan(0, space), out var at))
            {
                yield return new LogEntry(at, frame[(space + 1)..]);
            }
        }
    }

    private static async Task<bool> ReadFullAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer[read..], cancellationToken);
            if (n == 0)
            {
                return false;
            }
            read += n;
        }
        return true;
    }
}
