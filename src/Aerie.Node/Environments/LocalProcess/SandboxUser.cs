namespace Aerie.Node.Environments.LocalProcess;

/// <summary>The unprivileged user and group a sandboxed process runs as, inside and outside the sandbox.</summary>
internal sealed record SandboxUser(long Uid, long Gid);
