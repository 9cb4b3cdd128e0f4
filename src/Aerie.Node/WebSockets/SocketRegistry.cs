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

    /// <summary>After a <c>deauthorize-user</c>: closes that user's sockets whose token the revocation now covers (all of
    /// them for a plain deauthorization; only those minted through the revoked session or key for a grant). A socket
    /// holding a token minted after the revocation (by the panel's clock) stays open.</summary>
    public int CloseRevoked(string userUuid)
    {
        var closed = 0;
        foreach (var session in sessions.Keys)
        {
            if (string.Equals(session.UserUuid, userUuid, StringComparison.OrdinalIgnoreCase) && session.CloseIfRevoked())
            {
                closed++;
            }
        }
        return closed;
    }

    /// <summary>After a <c>ws/deny</c>: every socket whose token is now denied stops getting frames at once.</summary>
    public void StopRevoked()
    {
        foreach (var session in sessions.Keys)
        {
            session.StopIfRevoked();
        }
    }
}
