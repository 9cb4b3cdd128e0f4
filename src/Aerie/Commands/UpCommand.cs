using System.Data.Common;
using System.Runtime.InteropServices;
using Aerie.Node.Configuration;
using Aerie.Panel.Http;
using Aerie.Up;

namespace Aerie.Commands;

/// <summary><c>aerie up</c>: panel + local node + demo server on loopback until Ctrl-C / SIGTERM (docs/up.md).</summary>
internal static class UpCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, stop));
        UpStack stack;
        try
        {
            var options = UpArgs.Parse(args, Environment.GetEnvironmentVariable);
            stack = await UpStack.StartAsync(options, stop.Token);
        }
        catch (UpError e) when (e.ExitCode == 0)
        {
            await Console.Out.WriteLineAsync(e.Message);
            return 0;
        }
        catch (UpError e)
        {
            await Console.Error.WriteLineAsync("aerie up: " + e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbException or InvalidOperationException
            or ArgumentException or NodeConfigException or PanelProblem)
        {
            await Console.Error.WriteLineAsync($"aerie up: cannot start: {e.Message}");
            return 1;
        }
        await using (stack)
        {
            await Console.Out.WriteLineAsync(UpBanner.Text(stack));
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            await Console.Out.WriteLineAsync("aerie up: stopping (game servers first)...");
            await stack.StopAsync();
        }
        await Console.Out.WriteLineAsync("aerie up: stopped");
        return 0;
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        // Handled here: the process must not die before the games are stopped.
        context.Cancel = true;
        stop.Cancel();
    }
}
