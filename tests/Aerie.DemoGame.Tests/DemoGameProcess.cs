using System.Diagnostics;
using System.Threading.Channels;

namespace Aerie.DemoGame.Tests;

/// <summary>The real demo game exe as a child process, with its stdout lines in a channel.</summary>
internal sealed class DemoGameProcess : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);
    private readonly Process gameProcess;
    private readonly Channel<string> received = Channel.CreateUnbounded<string>();

    private DemoGameProcess(Process process) => gameProcess = process;

    public int Id => gameProcess.Id;

    public static DemoGameProcess Start(IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "aerie-demo-game.dll");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.Environment["DEMO_STARTUP_DELAY_MS"] = "50";
        info.Environment["DEMO_STATUS_INTERVAL_S"] = "0";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        var game = new DemoGameProcess(Process.Start(info) ?? throw new InvalidOperationException("demo game did not start"));
        _ = game.PumpAsync();
        return game;
    }

    public async Task SendAsync(string line)
    {
        await gameProcess.StandardInput.WriteLineAsync(line);
        await gameProcess.StandardInput.FlushAsync();
    }

    public void CloseInput() => gameProcess.StandardInput.Close();

    /// <summary>Reads lines until one contains <paramref name="text"/>; fails after the timeout.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        try
        {
            while (true)
            {
                var line = await received.Reader.ReadAsync(cts.Token);
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"no line containing '{text}' from the demo game", e);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        await gameProcess.WaitForExitAsync(cts.Token);
        return gameProcess.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!gameProcess.HasExited)
        {
            gameProcess.Kill(entireProcessTree: true);
            await gameProcess.WaitForExitAsync();
        }
        gameProcess.Dispose();
    }

    private async Task PumpAsync()
    {
        while (await gameProcess.StandardOutput.ReadLineAsync() is { } line)
        {
            await received.Writer.WriteAsync(line);
        }
        received.Writer.TryComplete();
    }
}
