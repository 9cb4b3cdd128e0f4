using Aerie.Node.Configuration;
using Aerie.Node.Panel;
using Aerie.Node.Storage;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Servers;

/// <summary>
/// Audit records waiting for the panel, oldest first, as the JSON lines they are sent as. Up to
/// <see cref="MemoryEntries"/> (and <see cref="MemoryBytes"/>) wait in memory; past that, records are appended to
/// <c>.aerie/activity-pending.jsonl</c> (0600) and read back in order once memory has drained, so a long panel
/// outage costs disk, not memory. The file is deleted when all of it was delivered; on shutdown what is still in
/// memory is written into it, and a start finds it and sends it first. Past <see cref="MaxFileBytes"/> new records
/// are dropped and counted in the log: the one documented cap on "never lost".
/// </summary>
internal sealed partial class ActivitySpool(NodeConfig config, ILogger<ActivitySpool> logger) : IDisposable
{
    public const int MemoryEntries = 1_000;
    public const long MemoryBytes = 4L * 1024 * 1024;
    public const long MaxFileBytes = 256L * 1024 * 1024;
    private const int ReadChunk = 1024 * 1024;

    private readonly Lock gate = new();
    private readonly Queue<byte[]> memory = new();
    private readonly string path = NodePaths.ActivitySpoolFile(config);
    private long memoryBytes;
    private FileStream? file;
    private long readOffset;
    private long dropped;
    private bool started;

    /// <summary>Records waiting (memory and file), for tests and logs.</summary>
    public (int InMemory, long FileBytes) Pending
    {
        get
        {
            lock (gate)
            {
                return (memory.Count, file?.Length ?? 0);
            }
        }
    }

    /// <summary>Queues one record; never throws and never waits for the panel.</summary>
    public void Add(byte[] json)
    {
        lock (gate)
        {
            StartLocked();
            if (file is null && memory.Count < MemoryEntries && memoryBytes + json.Length <= MemoryBytes)
            {
                memory.Enqueue(json);
                memoryBytes += json.Length;
                return;
            }
            try
            {
                file ??= OpenFile();
                if (file.Length + json.Length + 1 > MaxFileBytes)
                {
                    Drop();
                    return;
                }
                file.Seek(0, SeekOrigin.End);
                file.Write([.. json, (byte)'\n']);
                file.Flush();
            }
            catch (IOException e)
            {
                LogSpillFailed(logger, path, e);
                Drop();
            }
        }
    }

    /// <summary>The oldest records whose batch body (<c>{"data":[a,b]}</c>) stays within <paramref name="maxBytes"/>,
    /// at most <paramref name="maxEntries"/>, at least one when any is waiting. They stay queued until <see cref="Commit"/>.</summary>
    public List<byte[]> Peek(int maxBytes, int maxEntries)
    {
        lock (gate)
        {
            StartLocked();
            if (memory.Count == 0)
            {
                RefillLocked();
            }
            var batch = new List<byte[]>();
            var size = ActivityBatchBody.Overhead;
            foreach (var json in memory)
            {
                if (batch.Count >= maxEntries || (batch.Count > 0 && size + json.Length + 1 > maxBytes))
                {
                    break;
                }
                batch.Add(json);
                size += json.Length + 1;
            }
            return batch;
        }
    }

    /// <summary>Forgets the <paramref name="count"/> oldest records (delivered, or kept elsewhere).</summary>
    public void Commit(int count)
    {
        lock (gate)
        {
            for (var i = 0; i < count && memory.TryDequeue(out var json); i++)
            {
                memoryBytes -= json.Length;
            }
            if (memory.Count == 0 && file is not null && readOffset >= file.Length)
            {
                // Everything spilled was delivered: back to memory only.
                file.Dispose();
                file = null;
                readOffset = 0;
                File.Delete(path);
                if (dropped > 0)
                {
                    LogDropped(logger, dropped, MaxFileBytes);
                    dropped = 0;
                }
            }
        }
    }

    /// <summary>On shutdown: what waits in memory goes in front of the file's unread part, so the next start sends it first.</summary>
    public void Persist()
    {
        lock (gate)
        {
            StartLocked();
            if (memory.Count == 0 && file is null)
            {
                return;
            }
            var temp = path + ".tmp";
            using (var output = PrivateFiles.OpenInPrivateFolder(temp, FileMode.Create, FileAccess.Write))
            {
                foreach (var json in memory)
                {
                    output.Write(json);
                    output.WriteByte((byte)'\n');
                }
                if (file is not null)
                {
                    file.Seek(readOffset, SeekOrigin.Begin);
                    file.CopyTo(output);
                }
            }
            file?.Dispose();
            file = null;
            File.Move(temp, path, overwrite: true);
            memory.Clear();
            memoryBytes = 0;
            readOffset = 0;
            // A record offered after this (an action still finishing) goes behind them, not into memory.
            file = OpenFile();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            file?.Dispose();
            file = null;
        }
    }

    /// <summary>A file left by the last run holds the oldest records: from now on new ones queue behind it.</summary>
    private void StartLocked()
    {
        if (started)
        {
            return;
        }
        started = true;
        if (File.Exists(path) && new FileInfo(path).Length > 0)
        {
            file = OpenFile();
            if (file.Length > 0)
            {
                // A crash may have cut the last line; the next record must not be glued to it.
                file.Seek(-1, SeekOrigin.End);
                if (file.ReadByte() != '\n')
                {
                    file.WriteByte((byte)'\n');
                }
            }
        }
    }

    /// <summary>Moves the next records of the file into memory (the file keeps them until all of it is delivered).</summary>
    private void RefillLocked()
    {
        if (file is null || readOffset >= file.Length)
        {
            return;
        }
        var buffer = new byte[(int)Math.Min(ReadChunk, file.Length - readOffset)];
        file.Seek(readOffset, SeekOrigin.Begin);
        file.ReadExactly(buffer);
        var start = 0;
        while (start < buffer.Length && memory.Count < MemoryEntries && memoryBytes < MemoryBytes)
        {
            var end = Array.IndexOf(buffer, (byte)'\n', start);
            if (end < 0)
            {
                if (start == 0 && buffer.Length == ReadChunk)
                {
                    // No record is this long: a damaged file. Skip the chunk rather than stall on it.
                    LogDamaged(logger, path, readOffset);
                    start = buffer.Length;
                }
                break;
            }
            if (end > start)
            {
                var json = buffer[start..end];
                memory.Enqueue(json);
                memoryBytes += json.Length;
            }
            start = end + 1;
        }
        readOffset += start;
    }

    private FileStream OpenFile() => PrivateFiles.OpenInPrivateFolder(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);

    private void Drop()
    {
        if (dropped++ == 0)
        {
            LogDropping(logger, MaxFileBytes);
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Error, Message = "Audit records waiting for the panel reached {Cap} bytes on disk: new records are dropped until the panel takes them")]
    private static partial void LogDropping(ILogger logger, long cap);

    [LoggerMessage(EventId = 41, Level = LogLevel.Error, Message = "{Count} audit records were dropped while the pending file was at its cap of {Cap} bytes")]
    private static partial void LogDropped(ILogger logger, long count, long cap);

    [LoggerMessage(EventId = 42, Level = LogLevel.Error, Message = "Could not write a pending audit record to {Path}")]
    private static partial void LogSpillFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 43, Level = LogLevel.Error, Message = "Skipped a damaged part of {Path} at byte {Offset}")]
    private static partial void LogDamaged(ILogger logger, string path, long offset);
}
