using System.Net;
using System.Net.Sockets;
using Aerie.Node.Configuration;

namespace Aerie.Node.WebSockets;

/// <summary>The console socket limits, counted under one lock so that concurrent upgrades and auths can never
/// pass a limit together: authenticated sockets per server (<c>websocket.max_connections</c>, claimed when an
/// auth succeeds, not at upgrade), within it each user's share (<c>websocket.max_per_user_percent</c>, beyond Wings), and
/// not-yet-authenticated sockets per server and per client address.</summary>
internal sealed class SocketSlots(NodeConfig config)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> authenticated = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> byUser = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> pendingByServer = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> pendingByIp = new(StringComparer.Ordinal);

    private WebsocketConfig Limits => config.Websocket;

    /// <summary>At upgrade: a pending slot, or null when the server's cap is full or either pending limit is reached.</summary>
    public SocketSlot? TryOpen(string serverUuid, IPAddress? ip)
    {
        var slot = new SocketSlot(serverUuid, AddressKey(ip));
        lock (gate)
        {
            if (Count(authenticated, slot.Server) >= Limits.MaxConnections
                || Count(pendingByServer, slot.Server) >= Limits.MaxUnauthenticated
                || Count(pendingByIp, slot.Ip) >= Limits.MaxUnauthenticatedPerIp)
            {
                return null;
            }
            Add(pendingByServer, slot.Server, 1);
            Add(pendingByIp, slot.Ip, 1);
        }
        return slot;
    }

    /// <summary>At a successful auth: moves the slot from pending to authenticated for <paramref name="user"/>, or false
    /// (the slot stays as it was) when the server already has its cap of authenticated sockets or that user their
    /// share of it. A re-auth by the same user keeps the place; one with another user's token moves it to them.</summary>
    public bool TryAuthenticate(SocketSlot slot, string? user)
    {
        var who = user ?? "";
        lock (gate)
        {
            if (slot.State == SlotState.Authenticated && string.Equals(slot.User, who, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            var held = slot.State == SlotState.Authenticated;
            if ((slot.State != SlotState.Pending && !held)
                || (!held && Count(authenticated, slot.Server) >= Limits.MaxConnections)
                || Count(byUser, UserKey(slot.Server, who)) >= PerUser)
            {
                return false;
            }
            if (held)
            {
                Add(byUser, UserKey(slot.Server, slot.User), -1);
            }
            else
            {
                ReleasePending(slot);
                Add(authenticated, slot.Server, 1);
                slot.State = SlotState.Authenticated;
            }
            slot.User = who;
            Add(byUser, UserKey(slot.Server, who), 1);
            return true;
        }
    }

    /// <summary>The socket ended: frees whatever it held (idempotent).</summary>
    public void Release(SocketSlot slot)
    {
        lock (gate)
        {
            if (slot.State == SlotState.Pending)
            {
                ReleasePending(slot);
            }
            else if (slot.State == SlotState.Authenticated)
            {
                Add(authenticated, slot.Server, -1);
                Add(byUser, UserKey(slot.Server, slot.User), -1);
            }
            slot.State = SlotState.Released;
        }
    }

    /// <summary>One user's places on one server: a share of the cap, never less than one.</summary>
    private int PerUser => Math.Max(1, Limits.MaxConnections * Limits.MaxPerUserPercent / 100);

    private static string UserKey(string server, string user) => server + "|" + user;

    // One attacker holds a whole IPv6 /64, so that is one address here; IPv4 clients seen on a dual-stack
    // listener arrive mapped into IPv6 and count as their IPv4 address.
    private static string AddressKey(IPAddress? ip)
    {
        if (ip is null)
        {
            return "";
        }
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }
        if (ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return ip.ToString();
        }
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    private void ReleasePending(SocketSlot slot)
    {
        Add(pendingByServer, slot.Server, -1);
        Add(pendingByIp, slot.Ip, -1);
    }

    private static int Count(Dictionary<string, int> counts, string key) => counts.GetValueOrDefault(key);

    private static void Add(Dictionary<string, int> counts, string key, int delta)
    {
        var next = counts.GetValueOrDefault(key) + delta;
        if (next <= 0)
        {
            counts.Remove(key); // no entry per past client: the maps hold only live sockets
        }
        else
        {
            counts[key] = next;
        }
    }
}
