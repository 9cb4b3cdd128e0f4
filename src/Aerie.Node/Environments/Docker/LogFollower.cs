using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;

namespace Aerie.Node.Environments.Docker;

/// <summary>
/// Streams a container's console from the engine's log endpoint (<c>follow=1&amp;timestamps=1</c>)
/// and hands each entry's raw bytes to <c>onOutput</c>, in order.
/// Why the log endpoint and not attach: it replays from any point, so a daemon that was away
/// resumes exactly where it stopped (attach only shows what is printed while attached).
/// Why raw HTTP: stripping the per-entry timestamp needs the 8-byte frame boundaries, which the
/// Docker.DotNet stream hides. On Podman the follow polls the log file (~250 ms latency).
/// </summary>
internal sealed class LogFollower(DockerEngine engine, LogCursorStore store, TimeProvider time)
{
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private LogCursor? _cursor;
    private LogCursor? _saved;
    private DateTimeOffset _lastSave;

    public LogCursor? Cursor
    {
        get { lock (_gate) { return _cursor; } }
    }

    /// <summary>Follows until the container stops (the engine ends the stream) or cancellation.
    /// Entries at or before <paramref name="resume"/> are skipped.</summary>
    public async Task FollowAsync(string containerId, LogCursor? resume, Action<ReadOnlyMemory<byte>> onOutput, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _cursor = resume;
        }
        var query = $"{engine.ApiVersion}/containers/{Uri.EscapeDataString(containerId)}/logs?stdout=1&stderr=1&follow=1&timestamps=1";
        if (resume is not null)
        {
            // `since` is whole seconds on some engines; step back one and skip precisely below.
            query += "&since=" + (resume.At.ToUnixTimeSeconds() - 1).ToString(CultureInfo.InvariantCulture);
        }
        using var response = await engine.Http.GetAsync(query, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new EnvironmentException($"Docker engine refused the console stream ({(int)response.StatusCode}): {body.Trim()}");
        }
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var header = new byte[8];
        long skipped = 0;
        while (await ReadFullAsync(stream, header, cancellationToken))
        {
            var size = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)), int.MaxValue);
            var frame = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
            try
            {
                if (!await ReadFullAsync(stream, frame.AsMemory(0, size), cancellationToken))
                {
                    return;
                }
                var entry = frame.AsSpan(0, size);
                var space = entry[..Math.Min(entry.Length, 41)].IndexOf((byte)' ');
                if (space < 0 || !EngineTimestamp.TryParse(entry[..space], out var at))
                {
                    continue; // not an entry of this format; never seen from Docker or Podman
                }
                if (resume is not null)
                {
                    if (at < resume.At || (at == resume.At && skipped < resume.SeenAtInstant))
                    {
                        skipped += at == resume.At ? 1 : 0;
                        continue;
                    }
                    resume = null; // past the resume point: from here on everything is new
                }
                onOutput(entry[(space + 1)..].ToArray());
                Advance(containerId, at); // after the hand-over: a crash in between repeats, never loses

            }
            finally
            {
                ArrayPool<byte>.Shared.Return(frame);
            }
        }
    }

    /// <summary>Writes the cursor now (graceful stop); otherwise it is written at most once a second,
    /// so after a crash the resumed console may repeat up to a second of output but never loses any.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (_cursor is not null && _cursor != _saved)
            {
                store.Save(_cursor);
                _saved = _cursor;
            }
        }
    }

    private void Advance(string containerId, DateTimeOffset at)
    {
        lock (_gate)
        {
            _cursor = _cursor is null || _cursor.ContainerId != containerId ? new LogCursor(containerId, at, 1) : _cursor.Advance(at);
            var now = time.GetUtcNow();
            if (now - _lastSave >= SaveEvery)
            {
                store.Save(_cursor);
                _saved = _cursor;
                _lastSave = now;
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
