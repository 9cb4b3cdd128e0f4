namespace Aerie.Node.Servers;

/// <summary>How much console text may wait for the disk in one server's <see cref="ConsoleLogFile"/>: a game that
/// prints faster than the disk writes loses log lines (counted, see <see cref="ConsoleLogFile.DroppedNotice"/>),
/// never the daemon's memory. Both bounds hold; the defaults keep a server's backlog under about 4 MiB.</summary>
/// <param name="Lines">Lines queued at most (the bounded channel's capacity).</param>
/// <param name="Chars">UTF-16 characters queued at most (2 bytes each in memory); caps the 64 KiB pieces
/// <see cref="ConsoleLineSplitter"/> may emit, which the line bound alone would not.</param>
internal sealed record ConsoleLogLimits(int Lines = 8192, int Chars = 2 * 1024 * 1024)
{
    public static readonly ConsoleLogLimits Default = new();
}
