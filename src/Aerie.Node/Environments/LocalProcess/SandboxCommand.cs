using System.Globalization;

namespace Aerie.Node.Environments.LocalProcess;

/// <summary>
/// Turns a <see cref="SandboxSpec"/> into one argv: <c>prlimit</c> (limits, set while still root) →
/// <c>setpriv</c> (drops to the server's user, no capabilities, no new privileges) → <c>bwrap</c> (unprivileged,
/// so it makes a user namespace that keeps the same uid: the files the game writes belong to that uid on the
/// host) → the command. Every value is its own argument; nothing is ever joined into a shell string.
/// </summary>
internal static class SandboxCommand
{
    public const string Home = "/home/container";

    /// <summary>The PATH a sandboxed process starts with (games and install scripts).</summary>
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static List<string> Build(SandboxTools tools, SandboxSpec spec)
    {
        var argv = new List<string> { tools.Prlimit };
        argv.Add(Limit("nproc", spec.Limits.MaxProcesses));
        argv.Add(Limit("nofile", spec.Limits.MaxOpenFiles));
        // A core dump of a big game could fill the server folder past its limit.
        argv.Add("--core=0");
        if (spec.Limits.MaxFileBytes > 0)
        {
            argv.Add(Limit("fsize", spec.Limits.MaxFileBytes));
        }
        argv.Add("--");
        if (tools.SwitchUser)
        {
            argv.AddRange([tools.Setpriv, Id("--reuid", spec.User.Uid), Id("--regid", spec.User.Gid), "--clear-groups", "--inh-caps=-all", "--no-new-privs", "--"]);
        }
        argv.Add(tools.Bwrap);
        // The private /tmp first: an operator's read-only folder may live under the host's /tmp.
        argv.AddRange(["--proc", "/proc", "--dev", "/dev"]);
        argv.AddRange(["--size", Number(spec.Limits.TmpBytes), "--tmpfs", "/tmp"]);
        foreach (var mount in tools.HostView)
        {
            Add(argv, mount);
        }
        foreach (var mount in spec.Writable)
        {
            Add(argv, mount);
        }
        argv.AddRange(["--chdir", spec.WorkingDirectory]);
        // Own user namespace (same uid) that cannot make further ones, own PID/IPC/hostname; the host's network,
        // so the game listens on its allocation. --new-session: no TIOCSTI into the node's terminal.
        argv.AddRange(["--unshare-user", "--disable-userns", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--hostname", "aerie"]);
        argv.AddRange(["--die-with-parent", "--new-session", "--"]);
        argv.AddRange(spec.Command);
        return argv;
    }

    private static void Add(List<string> argv, SandboxMount mount)
    {
        switch (mount.Kind)
        {
            case SandboxMountKind.ReadOnlyBind:
                argv.AddRange(["--ro-bind", mount.Source, mount.Target]);
                break;
            case SandboxMountKind.Bind:
                argv.AddRange(["--bind", mount.Source, mount.Target]);
                break;
            case SandboxMountKind.Symlink:
                argv.AddRange(["--symlink", mount.Source, mount.Target]);
                break;
            case SandboxMountKind.Hide:
                argv.AddRange(["--size", "4096", "--tmpfs", mount.Target, "--remount-ro", mount.Target]);
                break;
        }
    }

    private static string Limit(string name, long value) => string.Create(CultureInfo.InvariantCulture, $"--{name}={value}");

    private static string Id(string option, long id) => string.Create(CultureInfo.InvariantCulture, $"{option}={id}");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
