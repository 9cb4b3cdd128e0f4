using Aerie.Node.Events;

namespace Aerie.Node.Servers;

/// <summary>The last N console lines, for <c>send logs</c> and the logs API. Each line keeps its encoded
/// <c>console output</c> frame (the one fan-out already built, or built on the first <c>send logs</c> that needs
/// it), so replaying history to a socket re-encodes nothing.</summary>
internal sealed class ConsoleHistory(int capacity)
{
    private readonly Lock gate = new();
    private readonly string[] ring = new string[Math.Max(1, capacity)];
    private readonly OutboundFrame?[] encoded = new OutboundFrame?[Math.Max(1, capacity)];
    private int next;
    private int count;

    /// <summary>Adds a line; <paramref name="frame"/> is its frame when the caller already encoded it.</summary>
    public void Add(string line, OutboundFrame? frame = null)
    {
        lock (gate)
        {
            ring[next] = line;
            encoded[next] = frame;
            next = (next + 1) % ring.Length;
            count = Math.Min(count + 1, ring.Length);
        }
    }

    /// <summary>Up to <paramref name="n"/> most recent lines, oldest first.</summary>
    public string[] Last(int n)
    {
        lock (gate)
        {
            var take = Math.Clamp(n, 0, count);
            var result = new string[take];
            for (var i = 0; i < take; i++)
            {
                result[i] = ring[Slot(take, i)];
            }
            return result;
        }
    }

    /// <summary>The <c>console output</c> frames of up to <paramref name="n"/> most recent lines, oldest first.</summary>
    public OutboundFrame[] LastFrames(int n)
    {
        lock (gate)
        {
            var take = Math.Clamp(n, 0, count);
            var result = new OutboundFrame[take];
            for (var i = 0; i < take; i++)
            {
                var slot = Slot(take, i);
                result[i] = encoded[slot] ??= ServerFrames.Console(ring[slot]);
            }
            return result;
        }
    }

    private int Slot(int take, int i) => (next - take + i + ring.Length) % ring.Length;
}
