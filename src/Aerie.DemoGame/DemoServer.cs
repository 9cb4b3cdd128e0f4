using System.Globalization;
using System.Runtime.InteropServices;

namespace Aerie.DemoGame;

/// <summary>
/// The demo game's life: banner, a startup delay, the "Done" line, then commands from stdin until
/// <c>stop</c>, <c>crash</c>, stdin EOF or SIGTERM/SIGINT (the last three stop cleanly with exit 0).
/// </summary>
internal sealed class DemoServer(DemoOptions options, GameConsole console, TextReader input, TimeProvider time)
{
    public const int MaxFlood = 10_000_000;
    private readonly TaskCompletionSource signalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly MemoryBallast ballast = new();
    private long startedAt;

    public async Task<int> RunAsync()
    {
        // Cancel = true keeps the process alive long enough to print the saving lines, like a real game.
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        startedAt = time.GetTimestamp();
        console.Info("Starting minecraft server version 1.21.4 (Aerie demo game)");
        console.Info("Loading properties");
        console.Info("Default game type: SURVIVAL");
        console.Warn("This is a demo game: it pretends to be a server and serves nobody.");
        console.Info($"Starting Minecraft server on *:25565 (max {options.MaxPlayers} players)");
        console.Info("Preparing level \"world\"");
        ballast.Hold(options.MemoryMb);

        var startup = Task.Delay(options.StartupDelay, time);
        if (await Task.WhenAny(startup, signalled.Task) != startup)
        {
            return Stop("Received a termination signal");
        }
        var took = time.GetElapsedTime(startedAt).TotalSeconds;
        console.Info(string.Create(CultureInfo.InvariantCulture, $"Done ({took:0.000}s)! For help, type \"help\""));

        using var cts = new CancellationTokenSource();
        var status = StatusLoopAsync(cts.Token);
        try
        {
            return await CommandLoopAsync();
        }
        finally
        {
            await cts.CancelAsync();
            await status;
        }
    }

    private async Task<int> CommandLoopAsync()
    {
        while (true)
        {
            // Console.In reads synchronously even through ReadLineAsync; a pool thread keeps signals answerable.
            var read = Task.Run(input.ReadLine);
            if (await Task.WhenAny(read, signalled.Task) != read)
            {
                return Stop("Received a termination signal");
            }
            var line = await read;
            if (line is null)
            {
                return Stop("Console input closed");
            }
            if (Execute(line.Trim()) is { } exitCode)
            {
                return exitCode;
            }
        }
    }

    /// <summary>Runs one console command; returns an exit code when the game should end.</summary>
    private int? Execute(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var name = (space < 0 ? line : line[..space]).ToLowerInvariant();
        var rest = space < 0 ? "" : line[(space + 1)..].Trim();
        switch (name)
        {
            case "":
                return null;
            case "help":
                foreach (var help in Help)
                {
                    console.Info(help);
                }
                return null;
            case "say":
                console.Info($"[Server] {rest}");
                return null;
            case "list":
                console.Info($"There are {options.Players.Count} of a max of {options.MaxPlayers} players online: {string.Join(", ", options.Players)}");
                return null;
            case "status":
                console.Info(StatusLine());
                return null;
            case "flood":
                Flood(rest);
                return null;
            case "crash":
                console.Error("Encountered an unexpected exception");
                console.Error("java.lang.IllegalStateException: crash requested from the console");
                return 1;
            case "stop":
                return Stop("Stop requested from the console");
            default:
                console.Info("Unknown command. Type \"help\" for help.");
                return null;
        }
    }

    private static readonly string[] Help =
    [
        "--- Showing help ---",
        "help - this list",
        "say <text> - broadcast a message",
        "list - players online",
        "status - uptime, players and memory",
        $"flood <n> - print n numbered lines as fast as possible (max {MaxFlood})",
        "crash - exit with code 1",
        "stop - save and exit",
    ];

    private void Flood(string count)
    {
        if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > MaxFlood)
        {
            console.Info($"Usage: flood <count 1-{MaxFlood}>");
            return;
        }
        console.Burst(n, i => string.Create(CultureInfo.InvariantCulture, $"[flood] line {i} of {n}"));
        console.Info($"Flood finished: {n} lines");
    }

    private int Stop(string why)
    {
        console.Info($"{why}, stopping the server");
        console.Info("Saving players");
        console.Info("Saving worlds");
        console.Info("Saving chunks for level 'ServerLevel[world]'/minecraft:overworld");
        console.Info("ThreadedAnvilChunkStorage: All dimensions are saved");
        return 0;
    }

    private async Task StatusLoopAsync(CancellationToken ct)
    {
        if (options.StatusInterval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.StatusInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                console.Info(StatusLine());
            }
        }
        catch (OperationCanceledException)
        {
            // the game is ending
        }
    }

    private string StatusLine()
    {
        var up = time.GetElapsedTime(startedAt);
        return string.Create(CultureInfo.InvariantCulture,
            $"Status: running, uptime {(int)up.TotalHours:00}:{up.Minutes:00}:{up.Seconds:00}, {options.Players.Count}/{options.MaxPlayers} players, holding {ballast.HeldMb} MB, TPS 20.0");
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        signalled.TrySetResult();
    }
}
