using Docker.DotNet.Models;

namespace Aerie.Node.Environments.Docker;

/// <summary>Decides whether an exit was an out-of-memory kill. The engine's <c>State.OOMKilled</c> is
/// trusted when set; Podman on cgroup v1 hosts never sets it, so an exit by SIGKILL (137) that we did
/// not send, in a container with a memory limit and the OOM killer enabled, also counts as OOM.</summary>
internal static class ExitClassifier
{
    private const long SigKillExit = 128 + 9;

    public static EnvironmentExit Classify(State state, ContainerRun run)
    {
        var oom = state.OOMKilled
            || (state.ExitCode == SigKillExit && !run.KillRequested && run.MemoryLimit > 0 && !run.OomKillDisabled);
        return new EnvironmentExit((int)state.ExitCode, oom);
    }
}
