namespace Aerie.Node.Servers;

/// <summary>Who an action came from; decides whether it is audited (see <see cref="ActivityRecorder"/>).</summary>
internal enum ActorKind
{
    /// <summary>The daemon itself: crash auto-restart, shutdown, suspension kill, start on create.</summary>
    Daemon,

    /// <summary>The panel through the node API (power, commands); on the wire: no user, no ip.</summary>
    Panel,

    /// <summary>A console socket: the token's user (if it names one) and the socket's address.</summary>
    User,
}
