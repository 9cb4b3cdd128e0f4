using Aerie.Node.Environments.LocalProcess;

namespace Aerie.Node.Tests.Environments;

public sealed class SandboxCommandTests
{
    private static readonly SandboxTools Tools = new("/usr/bin/bwrap", "/usr/bin/setpriv", "/usr/bin/prlimit", [SandboxMount.ReadOnly("/usr")], SwitchUser: true);

    private static SandboxSpec Spec(string command, long fileBytes = 0) => new(
        [SandboxMount.Writable("/srv/a b", SandboxCommand.Home)], SandboxCommand.Home, ["/bin/sh", "-c", command],
        new SandboxUser(200_123, 200_123), new SandboxLimits(512, 1024, fileBytes, 64 << 20));

    [Fact]
    public void Build_LimitsThenUserThenBwrap_CommandLastAndWhole()
    {
        var hostile = "echo $(cat /etc/shadow); --bind / /x";
        var argv = SandboxCommand.Build(Tools, Spec(hostile, fileBytes: 1 << 20));

        Assert.Equal(["/usr/bin/prlimit", "--nproc=512", "--nofile=1024", "--core=0", "--fsize=1048576", "--",
            "/usr/bin/setpriv", "--reuid=200123", "--regid=200123", "--clear-groups", "--inh-caps=-all", "--no-new-privs", "--", "/usr/bin/bwrap"], argv[..14]);
        // The command is the argv's tail, every part one argument after bwrap's `--`: never parsed as options.
        Assert.Equal(["--", "/bin/sh", "-c", hostile], argv[^4..]);
        Assert.Equal(1, argv.Count(a => a == hostile));
        var bwrap = argv[14..^4];
        Assert.Equal(["--bind", "/srv/a b", SandboxCommand.Home], Window(bwrap, "--bind", 3));
        Assert.Equal(["--chdir", SandboxCommand.Home], Window(bwrap, "--chdir", 2));
        foreach (var flag in new[] { "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session" })
        {
            Assert.Contains(flag, bwrap);
        }
        // The private /tmp comes before the host's folders, so one of those under the host's /tmp stays visible.
        Assert.True(bwrap.IndexOf("/tmp") < bwrap.IndexOf("/usr"));
    }

    [Fact]
    public void Build_NotRoot_NoSetprivNoFileLimitWhenUnlimited()
    {
        var argv = SandboxCommand.Build(Tools with { SwitchUser = false }, Spec("true"));
        Assert.DoesNotContain("/usr/bin/setpriv", argv);
        Assert.DoesNotContain(argv, a => a.StartsWith("--fsize", StringComparison.Ordinal));
    }

    [Fact]
    public void HostView_DataUnderAReadOnlyPath_Hidden()
    {
        var root = Path.Combine(Path.GetTempPath(), "aerie-hostview-" + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(root, "node.yml"), "token: x");
        try
        {
            var view = SandboxHostView.Build([root], [data, Path.Combine(root, "node.yml"), "/var/lib/elsewhere"]);
            Assert.Contains(SandboxMount.ReadOnly(root), view);
            Assert.Contains(SandboxMount.Hidden(data), view);
            Assert.Contains(new SandboxMount(SandboxMountKind.ReadOnlyBind, "/dev/null", Path.Combine(root, "node.yml")), view);
            Assert.DoesNotContain(view, m => m.Target == "/var/lib/elsewhere");
            Assert.DoesNotContain(view, m => m.Target == "/etc");
            Assert.True(view.FindIndex(m => m.Target == data) > view.FindIndex(m => m.Target == root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Users_SameServerSameUser_InRange()
    {
        var uuid = Guid.NewGuid().ToString();
        var user = SandboxUsers.For(uuid, 200_000, 65_536);
        Assert.Equal(user, SandboxUsers.For(uuid.ToUpperInvariant(), 200_000, 65_536));
        Assert.InRange(user.Uid, 200_000, 200_000 + 65_535);
        Assert.Equal(user.Uid, user.Gid);
        Assert.Equal(new SandboxUser(988, 988), SandboxUsers.For(uuid, 988, 1));
    }

    private static List<string> Window(List<string> argv, string first, int length) => argv.GetRange(argv.IndexOf(first), length);
}
