namespace Aerie.Node.Environments.LocalProcess;

/// <summary>Kernel resource limits (rlimits) a sandboxed process starts with; it cannot raise them.</summary>
/// <param name="MaxProcesses">RLIMIT_NPROC, counted per user: servers have users of their own (<see cref="SandboxUsers"/>).</param>
/// <param name="MaxOpenFiles">RLIMIT_NOFILE.</param>
/// <param name="MaxFileBytes">RLIMIT_FSIZE, 0 = none: no single file can outgrow the server's disk limit.</param>
/// <param name="TmpBytes">size of the private <c>/tmp</c> (a memory-backed tmpfs).</param>
internal sealed record SandboxLimits(long MaxProcesses, long MaxOpenFiles, long MaxFileBytes, long TmpBytes);
