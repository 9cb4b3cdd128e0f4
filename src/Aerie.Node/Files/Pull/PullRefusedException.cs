namespace Aerie.Node.Files.Pull;

/// <summary>A pull that must not go on: a refused destination, a bad hop, no usable answer. The message is logged
/// (and answered to a foreground pull).</summary>
internal sealed class PullRefusedException(string message) : Exception(message);
