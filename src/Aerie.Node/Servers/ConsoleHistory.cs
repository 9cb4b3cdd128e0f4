namespace Aerie.Node.Servers;

/// <summary>The last N console lines, for <c>send logs</c> and the logs API.</summary>
internal sealed class ConsoleHistory(int capacity)
{
    private readonly Lock gate = new();
    private readonly string[] ring = new string[Math.Max(1, capacity)];
    private int next;
    private int count;

    public void Add(string line)
    {
        lock (gate)
        {
            ring[next] = line;
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
                result[i] = ring[(next - take + i + ring.Length) % ring.Length];
            }
            return result;
        }
    }
}
