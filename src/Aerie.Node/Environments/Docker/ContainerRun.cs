namespace Aerie.Node.Environments.Docker;

/// <summary>One attachment to one running container: from start (or re-attach) until its exit or our detach.</summary>
internal sealed class ContainerRun(DockerEngine engine, string containerId, DateTimeOffset startedAt, long memoryLimit, bool oomKillDisabled, StdinChannel stdin)
    : IDisposable
{
    private int killRequested;

    public DockerEngine Engine { get; } = engine;
    public string ContainerId { get; } = containerId;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public long MemoryLimit { get; } = memoryLimit;
    public bool OomKillDisabled { get; } = oomKillDisabled;
    public StdinChannel Stdin { get; } = stdin;
    public CancellationTokenSource Detach { get; } = new();
    public Task Pump { get; set; } = Task.CompletedTask;
    public volatile bool Running = true;

    /// <summary>True once we sent SIGKILL ourselves, so an exit code of 137 is not taken for an OOM kill.</summary>
    public bool KillRequested => Volatile.Read(ref killRequested) == 1;

    public void MarkKillRequested() => Volatile.Write(ref killRequested, 1);

    public void Dispose() => Detach.Dispose();
}
