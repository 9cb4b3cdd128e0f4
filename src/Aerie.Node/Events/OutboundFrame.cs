namespace Aerie.Node.Events;

/// <summary>An encoded socket frame shared by every socket (encoded once), and the permission a socket's
/// token needs to receive it (null = everyone).</summary>
internal sealed record OutboundFrame(ReadOnlyMemory<byte> Utf8, string? RequiredPermission = null);
