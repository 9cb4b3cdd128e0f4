using System.Collections.Concurrent;

namespace Aerie.Node.WebSockets;

/// <summary>Open console sockets of this node, for closing them (a user's, or all). The limits are counted in <see cref="SocketSlots"/>.</summary>
internal sealed class SocketRegistry
{
    private readonly ConcurrentDictionary<ConsoleSession, byte> sessions = new();

    public void Add(ConsoleSession session) => sessions.TryAdd(session, 0);

    public void Remove(ConsoleSession session) => sessions.TryRemove(session, out _);

    /// <summary>Closes every socket (daemon stopping).</summary>
    public void CloseAll()
    {
        foreach (var session in sessions.Keys)
        {
            session.GoAway();
        }
    }

    /// <summary>Closes the user's sockets on those servers (all servers when the list is empty).</summary>
    public int Deauthorize(string userUuid, IReadOnlyList<string> servers)
    {
        var closed = 0;
        foreach (var session in sessions.Keys)
        {
            if (string.Equals(session.UserUuid, userUuid, StringComparison.OrdinalIgnoreCase)
                && (servers.Count == 0 || servers.Contains(session.ServerUuid, StringComparer.OrdinalIgnoreCase)))
            {
                session.Deauthorize();
                closed++;
            }
        }
        return closed;
    }
}
