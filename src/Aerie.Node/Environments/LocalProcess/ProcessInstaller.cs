using System.Diagnostics;
using Aerie.Node.Servers;
using Aerie.Node.Storage;

namespace Aerie.Node.Environments.LocalProcess;

/// <summary>
/// Runs an install script on the process runtime (spec 05 §9): in the node's sandbox, as the server's user, with the
/// server folder at <c>/mnt/server</c> and <c>/home/container</c>, the script folder at <c>/mnt/install</c>, a private
/// HOME, the package-manager stand-ins (<see cref="PackageShim"/>) first on PATH, and the sandbox's limits. Without
/// the namespace sandbox nothing runs: every public script writes to <c>/mnt/server</c>, which only a mount namespace has.
/// </summary>
internal sealed class ProcessInstaller(ProcessSandbox sandbox, TimeProvider time) : IServerInstaller
{
    public const string NoSandbox = "install requires mount namespaces on this node";
    public const string InstallHome = "/home/installer";
    private static readonly TimeSpan DrainWait = TimeSpan.FromSeconds(5);

    public async Task<InstallOutcome> InstallAsync(InstallRequest request, CancellationToken cancellationToken)
    {
        if (sandbox.Tools is not { } tools)
        {
            return InstallOutcome.Failed(NoSandbox);
        }
        var entrypoint = request.Script.Entrypoint;
        if (InstallInterpreter.For(entrypoint) is not { } interpreter)
        {
            return InstallOutcome.Failed($"the install entrypoint '{entrypoint}' has no interpreter on the process runtime (bash, sh and ash run here)");
        }
        if (!File.Exists(interpreter))
        {
            return InstallOutcome.Failed($"the install interpreter {interpreter} (entrypoint '{entrypoint}') is not installed on this node");
        }
        var missing = ScriptCommands.Missing(request.Script.Script, ScriptCommands.OnHost);
        if (missing.Count > 0)
        {
            request.Output("This node lacks commands the install script uses: " + string.Join(", ", missing));
        }
        Directory.CreateDirectory(request.WorkingDirectory);
        var home = request.ScriptDirectory + ".home";
        var shims = request.ScriptDirectory + ".bin";
        try
        {
            Recreate(home);
            Recreate(shims);
            PackageShim.Write(shims);
            var user = sandbox.UserFor(request.ServerUuid);
            if (tools.SwitchUser)
            {
                FolderOwner.Give(request.WorkingDirectory, (uint)user.Uid, (uint)user.Gid);
                FolderOwner.Give(request.ScriptDirectory, (uint)user.Uid, (uint)user.Gid);
                FolderOwner.Give(home, (uint)user.Uid, (uint)user.Gid);
            }
            var mounts = new List<SandboxMount>
            {
                SandboxMount.Writable(request.WorkingDirectory, "/mnt/server"),
                SandboxMount.Writable(request.WorkingDirectory, SandboxCommand.Home),
                SandboxMount.Writable(request.ScriptDirectory, "/mnt/install"),
                SandboxMount.Writable(home, InstallHome),
                new(SandboxMountKind.ReadOnlyBind, shims, PackageShim.Folder),
            };
            // A script that calls /usr/bin/apt-get by its path meets the stand-in too.
            foreach (var name in PackageShim.Names)
            {
                foreach (var dir in (string[])["/usr/bin", "/usr/sbin"])
                {
                    var path = Path.Combine(dir, name);
                    if (File.Exists(path))
                    {
                        mounts.Add(new SandboxMount(SandboxMountKind.ReadOnlyBind, Path.Combine(shims, name), path));
                    }
                }
            }
            // Stdout and stderr merged by the shell, so lines keep their order; the script is an argument, never spliced.
            List<string> command = ["/bin/sh", "-c", "exec 2>&1; exec \"$@\"", "sh", interpreter, "/mnt/install/" + ServerInstall.ScriptFile];
            var spec = new SandboxSpec(mounts, "/mnt/server", command, user, sandbox.LimitsFor(request.DiskLimitBytes));
            return await RunAsync(SandboxCommand.Build(tools, spec), request, cancellationToken);
        }
        finally
        {
            Remove(home);
            Remove(shims);
        }
    }

    private async Task<InstallOutcome> RunAsync(List<string> argv, InstallRequest request, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = request.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in argv)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Clear();
        foreach (var (key, value) in request.Environment)
        {
            info.Environment[key] = value;
        }
        info.Environment["PATH"] = request.Environment.TryGetValue("PATH", out var path) ? path : SandboxCommand.DefaultPath;
        // The installer image's runtime profile (spec 05 §9) puts its toolchain on PATH, as for the game.
        if (sandbox.Profiles.Find(request.Script.ContainerImage) is { } profile)
        {
            RuntimeProfiles.Apply(profile, info.Environment);
        }
        info.Environment["PATH"] = PackageShim.Folder + ":" + info.Environment["PATH"];
        info.Environment["HOME"] = InstallHome;
        info.Environment.TryAdd("INTERNAL_IP", "127.0.0.1");
        using var child = new Process { StartInfo = info };
        try
        {
            child.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return InstallOutcome.Failed("the install sandbox could not be started: " + e.Message);
        }
        // Nothing reads the script's stdin: a `read` gets end of file instead of waiting for the timeout.
        child.StandardInput.Close();
        var pump = Task.WhenAll(PumpAsync(child.StandardOutput, request.Output), PumpAsync(child.StandardError, request.Output));
        try
        {
            await child.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Kill(child);
            await child.WaitForExitAsync(CancellationToken.None).WaitAsync(DrainWait, time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await pump.WaitAsync(DrainWait, time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        // Whatever the script left behind in its session would hold the pipes open.
        PosixSignals.SignalGroup(child.Id, PosixSignals.SigKill);
        await pump.WaitAsync(DrainWait, time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return InstallOutcome.Exited(child.ExitCode);
    }

    /// <summary>SIGKILL to the sandbox's PID 1 ends every process of its PID namespace.</summary>
    private static void Kill(Process child)
    {
        var init = SandboxProcesses.Init(child.Id);
        if (init > 0)
        {
            PosixSignals.SignalGroup(init, PosixSignals.SigKill);
        }
        if (!PosixSignals.SignalGroup(child.Id, PosixSignals.SigKill))
        {
            try
            {
                child.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already exited
            }
        }
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> output)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                output(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // the pipe closed under us: the sandbox is gone
        }
    }

    private static void Recreate(string folder)
    {
        Remove(folder);
        PrivateFiles.CreateFolder(folder);
    }

    private static void Remove(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // nothing to remove
        }
    }
}
