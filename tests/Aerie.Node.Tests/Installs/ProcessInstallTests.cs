using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Contracts.Permissions;
using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Configuration;
using Aerie.Node.Environments.LocalProcess;
using Aerie.Node.Servers;
using Aerie.Node.Tests.Support;

namespace Aerie.Node.Tests.Installs;

/// <summary>Install scripts on the process runtime (spec 05 §7, §9): a real node, its real bubblewrap sandbox and real
/// scripts; only the panel's remote API is a stand-in (<see cref="PanelStandIn"/>), serving the script.</summary>
public sealed class ProcessInstallTests
{
    private static readonly string[] PlainUser = [Permission.WebsocketConnect, Permission.ControlConsole];
    private static readonly string[] InstallAdmin = [Permission.All, Permission.AdminInstall];

    /// <summary>A node whose server has <paramref name="script"/> as its install script (CRLF line ends, as eggs
    /// written on Windows have them) and <c>SECRET_TOKEN</c> among its variables.</summary>
    private static async Task<TestNode> NodeAsync(PanelStandIn panel, string script, string entrypoint = "bash", Action<NodeConfig>? tweak = null,
        string? dataDir = null)
    {
        var node = await TestNode.StartAsync(c =>
        {
            c.Remote = panel.Url;
            c.System.Timezone = "Europe/Berlin";
            c.Servers[0].Port = 25565;
            c.Servers[0].Ip = "127.0.0.1";
            c.Servers[0].Environment = new() { ["game_version"] = "1.2.3", ["SECRET_TOKEN"] = "hunter2-do-not-log" };
            tweak?.Invoke(c);
        }, dataDir);
        panel.InstallScripts[node.ServerUuid] = new InstallScript("ghcr.io/pterodactyl/installers:debian", entrypoint, script.Replace("\n", "\r\n", StringComparison.Ordinal));
        return node;
    }

    private static async Task<InstallStatus> InstallAsync(TestNode node, PanelStandIn panel, string path = "install", TimeSpan? within = null)
    {
        var before = panel.InstallReports.Count;
        using (var response = await node.Http.PostAsync($"/api/servers/{node.ServerUuid}/{path}", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await Eventually.TrueAsync(() => panel.InstallReports.Count > before, within ?? TimeSpan.FromSeconds(30), "the install report");
        await node.Server.Installation.WaitAsync(TimeSpan.FromSeconds(10));
        return panel.InstallReports.ToArray()[before].Status;
    }

    private static string LogFile(TestNode node) => NodePaths.InstallLog(node.Config, node.ServerUuid);

    private static async Task<string> InstallLogsAsync(TestNode node)
    {
        using var response = await node.Http.GetAsync($"/api/servers/{node.ServerUuid}/install-logs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("data").GetString()!;
    }

    [Fact]
    public async Task Install_ScriptWritesConfig_OutputToInstallAdminsOnly_LogKeptAndServed()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        const string script = """
            #!/bin/bash
            set -e
            cd /mnt/server
            echo "installing version ${GAME_VERSION} as uid $(id -u) home=$HOME"
            printf 'server-port=%s\nserver-ip=%s\ntz=%s\nmemory=%s\n' "$SERVER_PORT" "$SERVER_IP" "$TZ" "$SERVER_MEMORY" > server.properties
            echo "startup: $STARTUP"
            ls /mnt/install
            [ -f /home/container/server.properties ] && echo "same folder at /home/container"
            touch "$HOME/scratch" && echo "home is writable"
            apt-get update
            apt-get install -y curl jq
            if apk add --no-cache some-unknown-package; then echo "shim said yes"; else echo "shim said no"; fi
            """;
        await using var node = await NodeAsync(panel, script);
        await using var admin = await node.ConsoleAsync(InstallAdmin);
        await using var user = await node.ConsoleAsync(PlainUser);

        var status = await InstallAsync(node, panel);
        Assert.True(status.Successful);
        await admin.WaitForAsync(SocketEvents.InstallCompleted);
        await user.WaitForAsync(SocketEvents.InstallCompleted);

        var properties = await File.ReadAllTextAsync(Path.Combine(node.Server.WorkingDirectory, "server.properties"));
        Assert.Equal("server-port=25565\nserver-ip=127.0.0.1\ntz=Europe/Berlin\nmemory=0\n", properties);
        var expectedUid = ProcessSandbox.Resolve(node.Config).UserFor(node.ServerUuid).Uid;

        var output = admin.Received.Where(f => f.Event == SocketEvents.InstallOutput).Select(f => f.Args![0]).ToList();
        Assert.Contains($"installing version 1.2.3 as uid {expectedUid} home={ProcessInstaller.InstallHome}", output);
        Assert.Contains("startup: " + node.Config.Servers[0].Invocation, output);
        Assert.Contains(ServerInstall.ScriptFile, output);
        Assert.Contains("same folder at /home/container", output);
        Assert.Contains("home is writable", output);
        Assert.Contains(output, l => l.Contains("apt-get install: curl jq", StringComparison.Ordinal));
        Assert.Contains(output, l => l.Contains("not available on this node: some-unknown-package", StringComparison.Ordinal));
        Assert.Contains("shim said no", output);
        Assert.Equal(ServerInstall.ExitLine(0), output[^1]);
        Assert.DoesNotContain(user.Received, f => f.Event == SocketEvents.InstallOutput);
        Assert.Contains(user.Received, f => f.Event == SocketEvents.DaemonMessage && f.Args![0] == ServerInstall.StartingMessage);
        Assert.Contains(user.Received, f => f.Event == SocketEvents.DaemonMessage && f.Args![0] == ServerInstall.CompletedMessage);

        var log = await File.ReadAllTextAsync(LogFile(node));
        Assert.Contains(node.ServerUuid, log, StringComparison.Ordinal);
        Assert.Contains("ghcr.io/pterodactyl/installers:debian", log, StringComparison.Ordinal);
        Assert.Contains("SECRET_TOKEN", log, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-do-not-log", log, StringComparison.Ordinal);
        Assert.Contains(InstallLog.OutputMarker, log, StringComparison.Ordinal);
        var served = await InstallLogsAsync(node);
        Assert.Equal(string.Join("\n", output) + "\n", served);
        // The script's folder went with the install; the log stays.
        Assert.False(Directory.Exists(NodePaths.InstallTemp(node.Config, node.ServerUuid)));
    }

    /// <summary>An install script is the egg author's code run on the node: it tries to read the node's config and another
    /// server's files, and to write beside its own folder, into the other server's and through a link it plants.</summary>
    [Fact]
    public async Task HostileScript_OtherServersAndNodeFiles_NeitherReadNorWritten()
    {
        const string marker = "NODE-SECRET-MARKER";
        var folder = Path.Combine(Path.GetTempPath(), "aerie-install-attack", Guid.NewGuid().ToString("N"));
        var data = Path.Combine(folder, "volumes");
        var other = Guid.NewGuid().ToString();
        Directory.CreateDirectory(Path.Combine(data, other));
        await File.WriteAllTextAsync(Path.Combine(folder, "node.yml"), "token: " + marker + "\n");
        await File.WriteAllTextAsync(Path.Combine(data, other, "other-secret.txt"), marker + "-other\n");
        try
        {
            var script = $"""
                cd /mnt/server
                cat {folder}/node.yml ../node.yml ../../node.yml
                ls .. ../.. {data}
                cat {data}/*/other-secret.txt
                for d in {data}/*/; do echo pwned > "$d/pwned.txt"; done
                echo pwned > ../escaped.txt
                echo pwned > /mnt/escaped.txt
                ln -s {data} link && for d in link/*/; do echo pwned > "$d/through-link.txt"; done
                echo END
                """;
            await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
            await using var node = await NodeAsync(panel, script, dataDir: data);
            await using var admin = await node.ConsoleAsync(InstallAdmin);
            await InstallAsync(node, panel);
            await admin.WaitForAsync(SocketEvents.InstallCompleted);
            var output = string.Join("\n", admin.Received.Where(f => f.Event == SocketEvents.InstallOutput).Select(f => f.Args![0]));
            Assert.True(output.Contains("END", StringComparison.Ordinal), "the script ran to its end:\n" + await InstallLogsAsync(node));
            Assert.DoesNotContain(marker, output, StringComparison.Ordinal);
            Assert.DoesNotContain(other, output, StringComparison.Ordinal); // never named by the script: only a listing shows it
            Assert.Equal(["other-secret.txt"], Directory.GetFiles(Path.Combine(data, other)).Select(Path.GetFileName));
            Assert.Empty(Directory.GetFiles(data, "escaped.txt", SearchOption.AllDirectories));
            Assert.Empty(Directory.GetFiles(folder, "escaped.txt"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task NonZeroExit_PrintedAndLogged_FailsOnlyWhenConfigured(bool failOnNonzero, bool successful)
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await NodeAsync(panel, "echo 'about to fail'\nexit 3", "ash", c => c.Installer.FailOnNonzeroExit = failOnNonzero);
        await using var admin = await node.ConsoleAsync(InstallAdmin);
        var status = await InstallAsync(node, panel);
        Assert.Equal(successful, status.Successful);
        var served = await InstallLogsAsync(node);
        Assert.Contains("about to fail\n" + ServerInstall.ExitLine(3) + "\n", served, StringComparison.Ordinal);
        Assert.Equal(failOnNonzero, served.Contains("installer.fail_on_nonzero_exit", StringComparison.Ordinal));
        await admin.WaitForAsync(SocketEvents.InstallOutput, f => f.Args![0] == ServerInstall.ExitLine(3));
    }

    [Fact]
    public async Task HangingScript_KilledAtTheTimeout_ReportedFailed_OutputKept()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        // A child in the background and one in the foreground: both go with the sandbox.
        await using var node = await NodeAsync(panel, "echo 'waiting forever'\nsleep 1000 &\nsleep 1000", tweak: c => c.Installer.Timeout = 2);
        var started = DateTime.UtcNow;
        var status = await InstallAsync(node, panel, within: TimeSpan.FromSeconds(20));
        Assert.False(status.Successful);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "the install ended at its timeout");
        var served = await InstallLogsAsync(node);
        Assert.Contains("waiting forever", served, StringComparison.Ordinal);
        Assert.Contains("installer.timeout (2 s)", served, StringComparison.Ordinal);
        var uid = ProcessSandbox.Resolve(node.Config).UserFor(node.ServerUuid).Uid;
        await Eventually.TrueAsync(() => !ProcessesOf(uid).Any(), "the script's processes to be gone");
    }

    [Fact]
    public async Task Reinstall_RunsOverExistingFiles_DeletesNothing()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await NodeAsync(panel, "cd /mnt/server\necho run >> installs.txt\nmkdir -p plugins && echo new > plugins/new.txt");
        Directory.CreateDirectory(Path.Combine(node.Server.WorkingDirectory, "world"));
        await File.WriteAllTextAsync(Path.Combine(node.Server.WorkingDirectory, "world", "level.dat"), "the players' world");
        Assert.True((await InstallAsync(node, panel)).Successful);
        var status = await InstallAsync(node, panel, "reinstall");
        Assert.True(status.Successful);
        Assert.True(status.Reinstall);
        Assert.Equal("the players' world", await File.ReadAllTextAsync(Path.Combine(node.Server.WorkingDirectory, "world", "level.dat")));
        Assert.Equal("run\nrun\n", await File.ReadAllTextAsync(Path.Combine(node.Server.WorkingDirectory, "installs.txt")));
        Assert.True(File.Exists(Path.Combine(node.Server.WorkingDirectory, "plugins", "new.txt")));
    }

    [Fact]
    public async Task EntrypointWithoutInterpreter_FailsClearly()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await NodeAsync(panel, "print('hello')", "python3");
        Assert.False((await InstallAsync(node, panel)).Successful);
        Assert.Contains("entrypoint 'python3' has no interpreter", await InstallLogsAsync(node), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoPanel_NothingToRun_InstallSucceeds()
    {
        await using var node = await TestNode.StartAsync();
        await using var admin = await node.ConsoleAsync(InstallAdmin);
        using (var response = await node.Http.PostAsync($"/api/servers/{node.ServerUuid}/install", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await admin.WaitForAsync(SocketEvents.InstallStarted);
        var line = await admin.WaitForAsync(SocketEvents.InstallOutput);
        Assert.Contains("nothing to run", line.Args![0], StringComparison.Ordinal);
        await admin.WaitForAsync(SocketEvents.InstallCompleted);
    }

    [Fact]
    public async Task SkipEggScripts_ReportedDone_WithoutRunningOrInstallStarted()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        var uuid = Guid.NewGuid().ToString();
        panel.Servers[uuid] = new ServerConfiguration(
            new ServerSettings(uuid, new ServerMeta("skipper"), false, new Dictionary<string, string>(), "sleep 1", new BuildSettings(),
                new ContainerSettings(""), new Allocations(new AllocationAddress("127.0.0.1", 0), new Dictionary<string, IReadOnlyList<int>>()),
                SkipEggScripts: true),
            new ProcessConfiguration(new StartupConfiguration([]), new StopConfiguration("signal", "SIGTERM")));
        panel.InstallScripts[uuid] = new InstallScript("img", "bash", "touch /mnt/server/ran");
        await using var node = await TestNode.StartAsync(c => c.Remote = panel.Url);
        await Eventually.TrueAsync(() => node.Knows(Guid.Parse(uuid)), "the node to list the panel's server");
        using (var response = await node.Http.PostAsync($"/api/servers/{uuid}/install", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await Eventually.TrueAsync(() => !panel.InstallReports.IsEmpty, "the install report");
        Assert.True(Assert.Single(panel.InstallReports).Status.Successful);
        Assert.False(File.Exists(Path.Combine(node.ServerOf(uuid).WorkingDirectory, "ran")));
    }

    /// <summary>Host PIDs of processes owned by <paramref name="uid"/>.</summary>
    private static IEnumerable<int> ProcessesOf(long uid)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            string? line;
            try
            {
                line = File.ReadLines(Path.Combine(dir, "status")).FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            }
            catch (IOException)
            {
                continue;
            }
            if (line is not null && line.Split('\t', StringSplitOptions.RemoveEmptyEntries) is [_, var real, ..] && real == uid.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                yield return pid;
            }
        }
    }
}
