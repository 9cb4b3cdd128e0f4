using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using Aerie.Node.Configuration;
using Aerie.Panel.Http;
using Aerie.Panel.Settings;
using Aerie.Up;

namespace Aerie.Commands;

/// <summary><c>aerie up</c>: panel + local node + demo server on loopback until Ctrl-C / SIGTERM (docs/up.md).</summary>
internal static class UpCommand
{
    public const string PasswordVariable = "AERIE_ADMIN_PASSWORD";

    public static Command Create(IReadOnlyDictionary<string, string> environment)
    {
        var data = new Option<string>("--data")
        {
            Description = $"folder for everything (panel/, node/, node.yml) [default: ${PanelConfiguration.DataVariable}, else {PanelConfiguration.DefaultData}]",
            HelpName = "folder",
        };
        var panelPort = new Option<string>("--panel-port") { Description = "panel port on 127.0.0.1; 0 = any free port [default: 8080]", HelpName = "port" };
        var nodePort = new Option<string>("--node-port") { Description = "node port on 127.0.0.1; 0 = any free port [default: 8081]", HelpName = "port" };
        var command = new Command("up", $"panel + local node + demo server on loopback (env: {PasswordVariable})") { data, panelPort, nodePort };
        command.SetAction((result, _) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            UpOptions options;
            try
            {
                options = new UpOptions
                {
                    DataFolder = result.GetValue(data) is { } d ? NotEmpty(d) : PanelConfiguration.RootData(environment),
                    PanelPort = Port("--panel-port", result.GetValue(panelPort), 8080),
                    NodePort = Port("--node-port", result.GetValue(nodePort), 8081),
                    AdminPassword = AdminPassword(environment),
                };
            }
            catch (UpError e)
            {
                error.WriteLine("aerie up: " + e.Message);
                return Task.FromResult(e.ExitCode);
            }
            return RunAsync(options, output, error);
        });
        return command;
    }

    private static async Task<int> RunAsync(UpOptions options, TextWriter output, TextWriter error)
    {
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, stop));
        UpStack stack;
        try
        {
            stack = await UpStack.StartAsync(options, stop.Token);
        }
        catch (UpError e)
        {
            await error.WriteLineAsync("aerie up: " + e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbException or InvalidOperationException
            or ArgumentException or NodeConfigException or PanelProblem)
        {
            await error.WriteLineAsync($"aerie up: cannot start: {e.Message}");
            return 1;
        }
        await using (stack)
        {
            await output.WriteLineAsync(UpBanner.Text(stack));
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            await output.WriteLineAsync("aerie up: stopping (game servers first)...");
            await stack.StopAsync();
        }
        await output.WriteLineAsync("aerie up: stopped");
        return 0;
    }

    private static string NotEmpty(string folder) => folder.Length > 0 ? folder : throw new UpError("--data needs a folder", 2);

    private static string? AdminPassword(IReadOnlyDictionary<string, string> environment) =>
        !environment.TryGetValue(PasswordVariable, out var password) || password.Length == 0 ? null
        : password.Length >= 8 ? password
        : throw new UpError($"{PasswordVariable} must be at least 8 characters", 2);

    private static int Port(string name, string? value, int fallback) =>
        value is null ? fallback
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535 ? port
        : throw new UpError($"{name} expects a port number (0-65535), got '{value}'", 2);

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        // Handled here: the process must not die before the games are stopped.
        context.Cancel = true;
        stop.Cancel();
    }
}
