using Aerie.Node.Configuration;

namespace Aerie.Node.Environments.LocalProcess;

/// <summary>The node's sandbox for process servers: the tools and host view (null when the node runs games
/// unsandboxed, which only <c>system.process_runtime.allow_unsandboxed</c> permits) and each server's user and
/// limits. <see cref="Warning"/> says why a node that allows it runs unsandboxed.</summary>
internal sealed class ProcessSandbox(SandboxTools? tools, ProcessRuntimeConfig config, string? warning = null)
{
    public const string InstallHint = "apt-get install bubblewrap";
    private const string Section = "system.process_runtime";

    public SandboxTools? Tools { get; } = tools;

    public string? Warning { get; } = warning;

    /// <summary>The host toolchain each image runs on (spec 05 §9).</summary>
    public RuntimeProfiles Profiles { get; } = new(config.RuntimeProfiles);

    public SandboxUser UserFor(string serverUuid) => SandboxUsers.For(serverUuid, config.UidBase, config.UidCount);

    private readonly long maxProcesses = HostLimits.Clamp("Max processes", config.MaxProcesses);
    private readonly long maxOpenFiles = HostLimits.Clamp("Max open files", config.MaxOpenFiles);

    public SandboxLimits LimitsFor(long diskLimitBytes) =>
        new(maxProcesses, maxOpenFiles, Math.Max(0, diskLimitBytes), config.TmpSize * 1024 * 1024);

    /// <summary>The node config's sandbox, checked: a missing tool or read-only path fails the start naming its
    /// key (unless unsandboxed running is allowed, for a missing tool). <c>system.data</c> and
    /// <paramref name="privatePaths"/> (the config file, <c>aerie up</c>'s whole folder) are hidden wherever a
    /// read-only path would show them.</summary>
    public static ProcessSandbox Resolve(NodeConfig config, IEnumerable<string>? privatePaths = null)
    {
        var c = config.System.ProcessRuntime;
        for (var i = 0; i < c.ReadOnlyPaths.Count; i++)
        {
            var path = Path.GetFullPath(c.ReadOnlyPaths[i]);
            var key = FormattableString.Invariant($"{Section}.read_only_paths[{i}]");
            if (!Directory.Exists(path) && !File.Exists(path))
            {
                throw new NodeConfigException($"{key}: {path} does not exist");
            }
        }
        var missing = MissingTool(c);
        if (missing is not null)
        {
            if (!c.AllowUnsandboxed)
            {
                throw new NodeConfigException($"{missing}; or set {Section}.allow_unsandboxed: true to run games with the node's own user and files");
            }
            return new ProcessSandbox(null, c, $"{missing}: process servers run UNSANDBOXED, with the node's own user and files");
        }
        var hidden = new List<string> { config.System.Data };
        hidden.AddRange(privatePaths ?? []);
        var view = SandboxHostView.Build(c.ReadOnlyPaths, hidden);
        return new ProcessSandbox(new SandboxTools(c.Bwrap, c.Setpriv, c.Prlimit, view, Environment.IsPrivilegedProcess), c);
    }

    private static string? MissingTool(ProcessRuntimeConfig c) =>
        !File.Exists(c.Bwrap) ? $"system.process_runtime.bwrap: {c.Bwrap} not found: install bubblewrap ({InstallHint})"
        : !File.Exists(c.Prlimit) ? $"system.process_runtime.prlimit: {c.Prlimit} not found: install util-linux (apt-get install util-linux)"
        : Environment.IsPrivilegedProcess && !File.Exists(c.Setpriv) ? $"system.process_runtime.setpriv: {c.Setpriv} not found: install util-linux (apt-get install util-linux)"
        : null;
}
