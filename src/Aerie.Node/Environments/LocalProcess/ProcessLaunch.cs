using System.Diagnostics;
using System.Text;
using Aerie.Node.Configuration;
using Aerie.Node.Storage;

namespace Aerie.Node.Environments.LocalProcess;

/// <summary>How a game's process is started: <c>setsid</c> (its own session, out of the node's terminal), then
/// either the sandbox's argv (<see cref="SandboxCommand"/>) or, unsandboxed, the shell directly; in both cases
/// <c>/bin/sh -c &lt;invocation&gt;</c> with stderr merged into stdout (<c>exec 2&gt;&amp;1</c>, so lines keep
/// their order) and the variables only as environment variables.</summary>
internal static class ProcessLaunch
{
    public static ProcessStartInfo For(EnvironmentSpec spec, ProcessSandbox sandbox, RuntimeProfileConfig profile)
    {
        var shell = new List<string> { "/bin/sh", "-c", "exec 2>&1\n" + InvocationRewriter.Rewrite(spec.Invocation) };
        var info = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = spec.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            // The sandbox's own failures (a folder it cannot bind) are told on stderr, before the shell runs.
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        var home = spec.WorkingDirectory;
        if (sandbox.Tools is { } tools)
        {
            var user = sandbox.UserFor(spec.ServerUuid);
            if (tools.SwitchUser)
            {
                FolderOwner.Give(spec.WorkingDirectory, (uint)user.Uid, (uint)user.Gid);
            }
            var sandboxSpec = new SandboxSpec([SandboxMount.Writable(spec.WorkingDirectory, SandboxCommand.Home)], SandboxCommand.Home, shell, user,
                sandbox.LimitsFor(spec.DiskLimitBytes));
            shell = SandboxCommand.Build(tools, sandboxSpec);
            home = SandboxCommand.Home;
        }
        foreach (var arg in shell)
        {
            info.ArgumentList.Add(arg);
        }
        // The daemon's own environment (secrets, paths) is not the game's business.
        info.Environment.Clear();
        info.Environment["PATH"] = SandboxCommand.DefaultPath;
        // The §5.4 environment (ServerVariables) may set PATH; HOME and INTERNAL_IP are the runtime's own.
        RuntimeProfiles.Apply(profile, info.Environment);
        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }
        info.Environment.TryAdd("HOME", home);
        info.Environment.TryAdd("INTERNAL_IP", "127.0.0.1");
        return info;
    }
}
