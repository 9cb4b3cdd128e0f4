namespace Aerie.Node.WebSockets;

/// <summary>What one socket holds in <see cref="SocketSlots"/>; changed only under its lock.</summary>
internal sealed class SocketSlot(string server, string ip)
{
    public string Server { get; } = server;
    public string Ip { get; } = ip;
    public SlotState State { get; set; } = SlotState.Pending;

    /// <summary>Whose token holds the authenticated place (the per-user share key); set at auth.</summary>
    public string User { get; set; } = "";
}

internal enum SlotState
{
    Pending,
    Authenticated,
    Released,
}
