using System.Globalization;
using System.Text;
using System.Text.Json;
using Aerie.Contracts.Permissions;
using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Configuration;
using Aerie.Node.Environments;
using Aerie.Node.Events;
using Aerie.Node.Panel;
using Aerie.Node.Storage;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Servers;

/// <summary>Install and reinstall as a server operation (spec 05 §7): claim the server (refused while one runs
/// or a power action holds the lock), stop the game, `install started`, fetch the script from the panel, write it
/// (LF line ends) to the temp folder, run it on the runtime's installer under <c>installer.timeout</c>, keep the
/// install log, report `{successful, reinstall}` to the panel (retried, backoff up to 30 s), `install completed`, release.</summary>
internal sealed class ServerInstall(string uuid, Func<string> workingDirectory, Func<ServerConfiguration> configuration, NodeConfig config,
    PowerStateMachine power, IServerInstaller installer, PanelClient panel, FanOut<OutboundFrame> frames, TimeProvider time, ILogger logger,
    CancellationToken lifetime)
{
    public const string StartingMessage = "Starting installation process, this could take a few minutes...";
    public const string CompletedMessage = "Installation process completed.";
    public const string ScriptFile = "install.sh";
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(30);
    private Task running = Task.CompletedTask;

    /// <summary>The install under way (or the last one), for callers that wait for it to end.</summary>
    public Task Running => running;

    /// <summary>Starts an install in the background; null when it is under way, otherwise why it was refused.</summary>
    /// <param name="startAfter">a new server's <c>start_on_completion</c>: started once a successful install has
    /// released the server (waiting up to 30 s for the power lock, spec 05 §7 step 10)</param>
    public string? Begin(bool reinstall, bool startAfter = false)
    {
        if (configuration().Settings.SkipEggScripts && !reinstall)
        {
            // Step 1 comes before the lock: nothing runs on a new server, so nothing is claimed and power stays free.
            // (A reinstall still stops the game and holds the server until it has reported.)
            running = Task.Run(() => SkipAsync(reinstall, startAfter), CancellationToken.None);
            return null;
        }
        if (power.TryBeginInstall(reinstall) is { } refused)
        {
            return refused;
        }
        running = Task.Run(() => RunThenStartAsync(reinstall, startAfter), CancellationToken.None);
        return null;
    }

    private async Task SkipAsync(bool reinstall, bool startAfter)
    {
        try
        {
            await ReportAsync(true, reinstall);
            frames.Publish(FrameEncoder.Frame(SocketEvents.InstallCompleted, null, ""));
            if (startAfter)
            {
                await power.PowerAsync(PowerActions.Start, StartWait);
            }
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // Daemon stopping or server removed.
        }
    }

    private async Task RunThenStartAsync(bool reinstall, bool startAfter)
    {
        if (await RunAsync(reinstall) && startAfter && !lifetime.IsCancellationRequested)
        {
            await power.PowerAsync(PowerActions.Start, StartWait);
        }
    }

    /// <summary>"Installation process exited with code 3", in install output and the log.</summary>
    public static string ExitLine(int code) => string.Create(CultureInfo.InvariantCulture, $"Installation process exited with code {code}");

    /// <returns>whether the install succeeded</returns>
    private async Task<bool> RunAsync(bool reinstall)
    {
        try
        {
            await power.StopForInstallAsync();
            var settings = configuration().Settings;
            var successful = true;
            // The panel's "skip egg scripts": reported done without running anything or `install started`.
            if (!settings.SkipEggScripts)
            {
                frames.Publish(FrameEncoder.Frame(SocketEvents.InstallStarted, null, ""));
                Message(StartingMessage);
                successful = await RunScriptAsync(settings, reinstall);
                Message(CompletedMessage);
            }
            await ReportAsync(successful, reinstall);
            frames.Publish(FrameEncoder.Frame(SocketEvents.InstallCompleted, null, ""));
            return successful;
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // Daemon stopping or server removed: the panel clears `installing` when the node boots again.
            return false;
        }
        finally
        {
            power.EndInstall();
        }
    }

    private void Message(string text) => frames.Publish(FrameEncoder.Frame(SocketEvents.DaemonMessage, null, text));

    private void Publish(string line) => frames.Publish(FrameEncoder.Frame(SocketEvents.InstallOutput, Permission.AdminInstall, line));

    /// <summary>True when the install counts as successful (spec 05 §7: the script ran, and exited 0 unless the exit
    /// code is ignored).</summary>
    private async Task<bool> RunScriptAsync(ServerSettings settings, bool reinstall)
    {
        if (!panel.IsConfigured)
        {
            // A server of the node's own config has no template and so no script.
            Publish("This server has no install script (no panel): nothing to run.");
            return true;
        }
        InstallScript script;
        try
        {
            script = await panel.GetInstallScriptAsync(uuid, lifetime);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is TaskCanceledException && !lifetime.IsCancellationRequested))
        {
            using var failedLog = InstallLog.Create(NodePaths.InstallLog(config, uuid), uuid, "", "", config.Runtime, []);
            return Fail(failedLog, "could not fetch the install script from the panel: " + e.Message);
        }
        var environment = ServerVariables.Build(settings, config);
        using var log = InstallLog.Create(NodePaths.InstallLog(config, uuid), uuid, script.ContainerImage, script.Entrypoint, config.Runtime, environment.Keys);
        void Output(string line)
        {
            log.Line(line);
            Publish(line);
        }
        var folder = NodePaths.InstallTemp(config, uuid);
        try
        {
            WriteScript(folder, script.Script);
            var request = new InstallRequest(uuid, workingDirectory(), reinstall, script, folder, environment,
                settings.Build.MemoryLimit * 1024 * 1024, settings.Build.CpuLimit, settings.Build.DiskSpace * 1024 * 1024, Output);
            var outcome = await RunInstallerAsync(request);
            if (outcome.Failure is { } failure)
            {
                return Fail(log, failure);
            }
            var code = outcome.ExitCode ?? 0;
            Output(ExitLine(code));
            if (code != 0 && config.Installer.FailOnNonzeroExit)
            {
                return Fail(log, "the install script failed (a non-zero exit fails the install: installer.fail_on_nonzero_exit)");
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EnvironmentException)
        {
            return Fail(log, e.Message);
        }
        finally
        {
            TryDelete(folder);
        }
    }

    private async Task<InstallOutcome> RunInstallerAsync(InstallRequest request)
    {
        var limit = TimeSpan.FromSeconds(config.Installer.Timeout);
        using var timeout = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(lifetime, timeout.Token);
        try
        {
            return await installer.InstallAsync(request, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !lifetime.IsCancellationRequested)
        {
            return InstallOutcome.Failed(string.Create(CultureInfo.InvariantCulture,
                $"the install script ran longer than installer.timeout ({limit.TotalSeconds:0.###} s) and was killed"));
        }
    }

    private bool Fail(InstallLog log, string reason)
    {
        var line = "Installation failed: " + reason;
        log.Line(line);
        Publish(line);
        ServerLog.InstallFailed(logger, uuid, reason);
        return false;
    }

    /// <summary>A fresh private folder with the script, every CRLF turned into LF (eggs written on Windows).</summary>
    private static void WriteScript(string folder, string script)
    {
        TryDelete(folder);
        PrivateFiles.CreateFolder(folder);
        using var file = PrivateFiles.OpenWrite(Path.Combine(folder, ScriptFile), FileMode.Create);
        file.Write(new UTF8Encoding(false).GetBytes(script.Replace("\r\n", "\n", StringComparison.Ordinal)));
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // nothing left over
        }
    }

    private async Task ReportAsync(bool successful, bool reinstall)
    {
        if (!panel.IsConfigured)
        {
            return;
        }
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await panel.ReportInstallAsync(uuid, successful, reinstall, lifetime);
                return;
            }
            catch (HttpRequestException e) when (e.StatusCode is not null and < System.Net.HttpStatusCode.InternalServerError)
            {
                // The panel refused the report (server gone, not this node's): retrying cannot help.
                ServerLog.InstallReportRefused(logger, uuid, e.Message);
                return;
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !lifetime.IsCancellationRequested))
            {
                ServerLog.InstallReportFailed(logger, uuid, e.Message);
            }
            await Task.Delay(delay, time, lifetime);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxBackoff.Ticks));
        }
    }
}
