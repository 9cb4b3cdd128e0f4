using Aerie.Contracts.Permissions;
using Aerie.Contracts.Socket;
using Aerie.Node.Events;
using Aerie.Node.Panel;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Servers;

/// <summary>Install and reinstall as a server operation (spec 05 §7): claim the server (refused while one runs
/// or a power action holds the lock), stop the game, `install started`, run the installer, report
/// `{successful, reinstall}` to the panel (retried, backoff up to 30 s), `install completed`, release.</summary>
internal sealed class ServerInstall(string uuid, Func<string> workingDirectory, PowerStateMachine power, IServerInstaller installer,
    PanelClient panel, FanOut<OutboundFrame> frames, TimeProvider time, ILogger logger, CancellationToken lifetime)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private Task running = Task.CompletedTask;

    /// <summary>The install under way (or the last one), for callers that wait for it to end.</summary>
    public Task Running => running;

    /// <summary>Starts an install in the background; null when it is under way, otherwise why it was refused.</summary>
    public string? Begin(bool reinstall)
    {
        if (power.TryBeginInstall(reinstall) is { } refused)
        {
            return refused;
        }
        running = Task.Run(() => RunAsync(reinstall), CancellationToken.None);
        return null;
    }

    private async Task RunAsync(bool reinstall)
    {
        try
        {
            await power.StopForInstallAsync();
            frames.Publish(FrameEncoder.Frame(SocketEvents.InstallStarted, null, ""));
            var request = new InstallRequest(uuid, workingDirectory(), reinstall,
                line => frames.Publish(FrameEncoder.Frame(SocketEvents.InstallOutput, Permission.AdminInstall, line)));
            var successful = await installer.InstallAsync(request, lifetime);
            await ReportAsync(successful, reinstall);
            frames.Publish(FrameEncoder.Frame(SocketEvents.InstallCompleted, null, ""));
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // Daemon stopping or server removed: the panel clears `installing` when the node boots again.
        }
        finally
        {
            power.EndInstall();
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
