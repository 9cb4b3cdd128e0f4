namespace Aerie.Node.Servers;

/// <summary>Lifecycle news that closes sockets (not console traffic).</summary>
internal enum ServerSignal
{
    Suspended,
    Deleted,
}
