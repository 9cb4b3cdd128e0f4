namespace Aerie.Node.Environments.Docker;

/// <summary>How far the console of one container has been read: the engine timestamp of the last
/// log entry handed out, and how many entries carried exactly that timestamp (Podman stamps whole
/// seconds, so many entries share one). Resuming skips what is at or before this point.</summary>
internal sealed record LogCursor(string ContainerId, DateTimeOffset At, long SeenAtInstant)
{
    public LogCursor Advance(DateTimeOffset at) =>
        at == At ? this with { SeenAtInstant = SeenAtInstant + 1 } : this with { At = at, SeenAtInstant = 1 };
}
