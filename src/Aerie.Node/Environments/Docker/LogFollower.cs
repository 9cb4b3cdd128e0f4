using System.Globalization;

namespace Aerie.Node.Environments.Docker;

/// <summary>
/// Hands a container's console to <c>onOutput</c> from the engine's log, in order, exactly once per
/// cursor. Why the log and not attach: it can be replayed from any point, so a daemon that was away
/// resumes where it stopped (attach only shows what is printed while attached).
/// Two ways to read it:
/// - <see cref="FollowAsync"/> (Docker): one <c>follow=1</c> stream, pushed as the game prints.
/// - <see cref="PollAsync"/> (Podman): Podman 4's follow re-reads and garbles entries when a game
///   prints fast, and its <c>tail=N</c> mangles split lines, so instead plain reads from the cursor's
///   second on are repeated a few times a second, the newest entry held back until it is settled.
///   A plain read makes Podman scan the whole log file, so the caller spaces reads by their cost.
/// </summary>
internal sealed class LogFollower(DockerEngine engine, LogCursorStore store, TimeProvider time)
{
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(1);
    private readonly Lock gate = new();
    private LogCursor? lastCursor;
    private LogCursor? saved;
    private DateTimeOffset lastSave;
    private LogEntry? heldBack;

    public LogCursor? Cursor
    {
        get { lock (gate) { return lastCursor; } }
    }

    /// <summary>Starts from <paramref name="resume"/> (null: the whole log).</summary>
    public void Reset(LogCursor? resume)
    {
        lock (gate)
        {
            lastCursor = resume;
        }
    }

    /// <summary>Follows (or, with <paramref name="follow"/> false, reads to the current end) after the cursor.</summary>
    public async Task FollowAsync(string containerId, bool follow, Action<ReadOnlyMemory<byte>> onOutput, CancellationToken cancellationToken)
    {
        var cursor = Cursor;
        var query = (follow ? "&follow=1" : "") + Since(cursor);
        var filter = new CursorFilter(cursor);
        await foreach (var entry in LogStream.ReadAsync(engine, containerId, query, cancellationToken))
        {
            if (filter.IsNew(entry.At))
            {
                Deliver(containerId, entry, onOutput);
            }
        }
    }

    /// <summary>Reads what was printed after the cursor (a plain read from the cursor's second on).
    /// While the container runs, the newest entry is held back until a second read shows it unchanged:
    /// a read can catch the line the engine is writing half-way, and a half line handed out could
    /// not be taken back. <paramref name="final"/> (after the exit) hands out everything.</summary>
    public async Task PollAsync(string containerId, bool final, Action<ReadOnlyMemory<byte>> onOutput, CancellationToken cancellationToken)
    {
        var cursor = Cursor;
        var filter = new CursorFilter(cursor);
        var fresh = new List<LogEntry>();
        await foreach (var entry in LogStream.ReadAsync(engine, containerId, Since(cursor), cancellationToken))
        {
            if (filter.IsNew(entry.At))
            {
                fresh.Add(entry);
            }
        }
        var newest = fresh.Count > 0 ? fresh[^1] : null;
        var settled = final || (newest is not null && heldBack is not null && newest.At == heldBack.At && newest.Bytes.AsSpan().SequenceEqual(heldBack.Bytes));
        var deliver = settled ? fresh.Count : fresh.Count - 1;
        for (var i = 0; i < deliver; i++)
        {
            Deliver(containerId, fresh[i], onOutput);
        }
        heldBack = settled ? null : newest;
    }

    // `since` is whole seconds on some engines; step back one and let the filter skip precisely.
    private static string Since(LogCursor? cursor) =>
        cursor is null ? "" : "&since=" + (cursor.At.ToUnixTimeSeconds() - 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes the cursor now (graceful stop); otherwise it is written at most once a second,
    /// so after a crash the resumed console may repeat up to a second of output but never loses any.</summary>
    public void Flush()
    {
        lock (gate)
        {
            if (lastCursor is not null && lastCursor != saved)
            {
                store.Save(lastCursor);
                saved = lastCursor;
            }
        }
    }

    private void Deliver(string containerId, LogEntry entry, Action<ReadOnlyMemory<byte>> onOutput)
    {
        onOutput(entry.Bytes);
        // After the hand-over: a crash in between repeats an entry, never loses one.
        lock (gate)
        {
            lastCursor = lastCursor is null || lastCursor.ContainerId != containerId ? new LogCursor(containerId, entry.At, 1) : lastCursor.Advance(entry.At);
            var now = time.GetUtcNow();
            if (now - lastSave >= SaveEvery)
            {
                store.Save(lastCursor);
                saved = lastCursor;
                lastSave = now;
            }
        }
    }
}
