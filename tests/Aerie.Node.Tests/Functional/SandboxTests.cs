using System.Diagnostics;
using System.Globalization;
using Aerie.Contracts.Socket;
using Aerie.Node.Configuration;
using Aerie.Node.Environments.LocalProcess;
using Aerie.Node.Servers;

namespace Aerie.Node.Tests.Functional;

/// <summary>The process runtime's sandbox (real daemon, real bubblewrap, run as root like CI): each test is an
/// attack a game could make, which succeeds unsandboxed.</summary>
public sealed class SandboxTests : IDisposable
{
    private const string Marker = "NODE-SECRET-MARKER";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "aerie-sandbox-tests", Guid.NewGuid().ToString("N"));

    public SandboxTests() => Directory.CreateDirectory(folder);

    private string Data => Path.Combine(folder, "volumes");

    /// <summary>A node whose data folder sits beside a node.yml holding the secret, with a second server's folder
    /// holding a secret of its own, running one server with <paramref name="invocation"/>.</summary>
    private async Task<(TestNode Node, string Other)> SnoopedNodeAsync(string invocation, Action<NodeConfig>? tweak = null)
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "node.yml"), "token: " + Marker + "\n");
        var other = Guid.NewGuid().ToString();
        Directory.CreateDirectory(Path.Combine(Data, other));
        await File.WriteAllTextAsync(Path.Combine(Data, other, "other-secret.txt"), Marker + "-other\n");
        var node = await TestNode.StartAsync(c =>
        {
            c.Servers[0].Invocation = invocation;
            c.Servers[0].Done = [];
            c.Servers[0].CrashDetectionEnabled = false;
            tweak?.Invoke(c);
        }, dataDir: Data);
        return (node, other);
    }

    private static async Task<List<string>> RunToEndAsync(TestNode node)
    {
        await using var console = await node.ConsoleAsync();
        await console.SendAsync(SocketEvents.SetState, PowerActions.Start);
        await console.WaitForConsoleAsync("END", TimeSpan.FromSeconds(20));
        return [.. console.Received.Where(f => f.Event == SocketEvents.ConsoleOutput).Select(f => f.Args![0])];
    }

    [Fact]
    public async Task SnoopingServer_ParentFoldersConfigAndOtherServers_SeesNothing()
    {
        var invocation = "cat ../../node.yml; ls ..; ls ../..; cat " + Path.Combine(folder, "node.yml") + "; ls " + Data + "; cat " + Data + "/*/other-secret.txt; "
            + "ls " + Data + "/.aerie; echo END";
        var (node, other) = await SnoopedNodeAsync(invocation);
        await using (node)
        {
            var lines = await RunToEndAsync(node);
            var all = string.Join("\n", lines);
            Assert.DoesNotContain(Marker, all, StringComparison.Ordinal);
            Assert.DoesNotContain(other, all, StringComparison.Ordinal);
            Assert.DoesNotContain(node.ServerUuid, all, StringComparison.Ordinal);
            // `ls ..` inside is /home: only the server's own folder, under its sandbox name.
            Assert.Contains(lines, l => l == "container");
        }
    }

    /// <summary>An operator's read-only folder that happens to hold the node's data folder shows it empty.</summary>
    [Fact]
    public async Task ReadOnlyPathHoldingTheData_DataHidden()
    {
        var invocation = "ls " + folder + "; ls " + Data + "; cat " + Data + "/*/other-secret.txt; echo END";
        var (node, other) = await SnoopedNodeAsync(invocation, c => c.System.ProcessRuntime.ReadOnlyPaths.Add(folder));
        await using (node)
        {
            var lines = await RunToEndAsync(node);
            Assert.Contains(lines, l => l == "node.yml"); // the folder itself is readable, as configured
            Assert.DoesNotContain(other, string.Join("\n", lines), StringComparison.Ordinal);
            Assert.DoesNotContain(Marker + "-other", string.Join("\n", lines), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ProcFolder_ShowsOnlyTheServersProcesses()
    {
        var (node, _) = await SnoopedNodeAsync("echo procs: $(ls /proc | grep -E '^[0-9]+$' | tr '\\n' ' '); echo END");
        await using (node)
        {
            var line = (await RunToEndAsync(node)).Single(l => l.StartsWith("procs: ", StringComparison.Ordinal));
            var pids = line["procs: ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
            // bubblewrap's init, the shell, ls (and the subshell): nothing of the host's.
            Assert.InRange(pids.Count, 1, 6);
            Assert.Contains(1, pids);
        }
    }

    [Fact]
    public async Task EscapingChild_SetsidThenKill_Gone()
    {
        await using var node = await TestNode.StartAsync(c => c.Servers[0].Invocation = $"setsid sleep 1000 & echo \"escaped $!\"; exec sh {TestNode.GameScript}");
        await using var console = await node.ConsoleAsync();
        await console.SendAsync(SocketEvents.SetState, PowerActions.Start);
        var line = await console.WaitForConsoleAsync("escaped ");
        await console.WaitForStatusAsync(ServerStates.Running);
        var inside = int.Parse(line.Args![0]["escaped ".Length..], CultureInfo.InvariantCulture);
        var pid = 0;
        await Eventually.TrueAsync(() => (pid = node.HostPid(inside)) > 0, what: "the escaped child seen from the host");
        Assert.Contains("sleep", await File.ReadAllTextAsync($"/proc/{pid}/cmdline"), StringComparison.Ordinal);

        await console.SendAsync(SocketEvents.SetState, PowerActions.Kill);
        await console.WaitForStatusAsync(ServerStates.Offline);
        await Eventually.TrueAsync(() => !Alive(pid), what: "the setsid child killed with the sandbox");
        Assert.Empty(Pgrep("-u", node.GameUser().Uid.ToString(CultureInfo.InvariantCulture), "-f", "sleep 1000"));
    }

    [Fact]
    public async Task ServerFiles_OwnedByTheServersUser_EvenOnesTheNodeWrote()
    {
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Servers[0].Invocation = "mkdir -p sub; echo made > sub/made.txt; id -u; echo END";
            c.Servers[0].Done = [];
            c.Servers[0].CrashDetectionEnabled = false;
        });
        var workingDirectory = node.Server.WorkingDirectory;
        Directory.CreateDirectory(workingDirectory);
        await File.WriteAllTextAsync(Path.Combine(workingDirectory, "uploaded.txt"), "by the node\n");
        var lines = await RunToEndAsync(node);
        var user = node.GameUser();
        Assert.NotEqual(0, user.Uid);
        Assert.Contains(user.Uid.ToString(CultureInfo.InvariantCulture), lines);
        var expected = FormattableString.Invariant($"{user.Uid}:{user.Gid}");
        Assert.Equal(expected, Owner(workingDirectory));
        Assert.Equal(expected, Owner(Path.Combine(workingDirectory, "uploaded.txt")));
        Assert.Equal(expected, Owner(Path.Combine(workingDirectory, "sub", "made.txt")));
    }

    [Fact]
    public async Task OverDiskLimit_CannotStart_ToldInConsole()
    {
        await using var node = await TestNode.StartAsync(c => c.Servers[0].Limits.Disk = 1);
        Directory.CreateDirectory(node.Server.WorkingDirectory);
        await File.WriteAllBytesAsync(Path.Combine(node.Server.WorkingDirectory, "world.dat"), new byte[2 * 1024 * 1024]);
        await using var console = await node.ConsoleAsync();
        await console.SendAsync(SocketEvents.SetState, PowerActions.Start);
        var error = await console.WaitForAsync(SocketEvents.DaemonError);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, DiskGuard.StartRefused), error.Args![0]);
        // The console (everyone watching it) was told first, with the figures.
        Assert.Contains(console.Received, f => f.Event == SocketEvents.ConsoleOutput
            && f.Args![0].Contains("The server could not be started: " + DiskGuard.StartRefused + " (2 MiB used of 1 MiB)", StringComparison.Ordinal));
        Assert.Equal(ServerStates.Offline, node.Server.State);
    }

    [Fact]
    public async Task GrowsPastDiskLimitWhileRunning_Stopped()
    {
        await using var node = await TestNode.StartAsync(c =>
        {
            c.System.DiskCheckInterval = 1;
            c.Servers[0].Limits.Disk = 1;
            c.Servers[0].Invocation = $"head -c 700000 /dev/zero > a; head -c 700000 /dev/zero > b; exec sh {TestNode.GameScript}";
        });
        await using var console = await node.RunningConsoleAsync();
        await console.WaitForConsoleAsync(DiskGuard.StoppingNotice, TimeSpan.FromSeconds(20));
        await console.WaitForConsoleAsync("Stopping the game");
        await console.WaitForStatusAsync(ServerStates.Offline);
    }

    /// <summary>RLIMIT_FSIZE: one file cannot outgrow the disk limit at all, between two walks.</summary>
    [Fact]
    public async Task SingleFile_CannotOutgrowTheDiskLimit()
    {
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Servers[0].Limits.Disk = 1;
            c.Servers[0].Done = [];
            c.Servers[0].CrashDetectionEnabled = false;
            c.Servers[0].Invocation = "trap '' XFSZ; head -c 3000000 /dev/zero > big; ls -l big; echo END";
        });
        await RunToEndAsync(node);
        Assert.Equal(1024 * 1024, new FileInfo(Path.Combine(node.Server.WorkingDirectory, "big")).Length);
    }

    [Fact]
    public async Task MissingBwrap_NodeRefusesToStart_NamingTheKeyAndTheFix()
    {
        var e = await Assert.ThrowsAsync<NodeConfigException>(() => TestNode.StartAsync(c => c.System.ProcessRuntime.Bwrap = Path.Combine(folder, "no-bwrap")));
        Assert.Equal($"system.process_runtime.bwrap: {Path.Combine(folder, "no-bwrap")} not found: install bubblewrap (apt-get install bubblewrap); "
            + "or set system.process_runtime.allow_unsandboxed: true to run games with the node's own user and files", e.Message);
    }

    [Fact]
    public async Task MissingBwrap_AllowUnsandboxed_RunsWithTheNodesIdentity()
    {
        var (node, other) = await SnoopedNodeAsync("id -u; ls " + Data + "; echo END", c =>
        {
            c.System.ProcessRuntime.Bwrap = Path.Combine(folder, "no-bwrap");
            c.System.ProcessRuntime.AllowUnsandboxed = true;
        });
        await using (node)
        {
            var lines = await RunToEndAsync(node);
            // What the key allows, said plainly: the node's user, every server's folder.
            Assert.Contains("0", lines);
            Assert.Contains(other, lines);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // a log writer still closing
        }
    }

    private static bool Alive(int pid) =>
        Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    private static string Owner(string path) => Run("stat", "-c", "%u:%g", path).Trim();

    private static string[] Pgrep(params string[] args) => Run("pgrep", args).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }
}
