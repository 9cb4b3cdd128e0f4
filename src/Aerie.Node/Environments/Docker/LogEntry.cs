namespace Aerie.Node.Environments.Docker;

/// <summary>One entry of a container's log: the engine's timestamp and the raw bytes (a line with its
/// newline, or a piece of a line without one).</summary>
internal sealed record LogEntry(DateTimeOffset At, byte[] Bytes);
