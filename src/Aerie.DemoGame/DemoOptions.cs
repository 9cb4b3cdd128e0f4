using System.Globalization;

namespace Aerie.DemoGame;

/// <summary>Knobs read from environment variables so a panel's server "environment" can set them.</summary>
internal sealed record DemoOptions(
    TimeSpan StartupDelay,
    TimeSpan StatusInterval,
    int MemoryMb,
    int MaxPlayers,
    IReadOnlyList<string> Players)
{
    public const string StartupDelayVar = "DEMO_STARTUP_DELAY_MS";
    public const string StatusIntervalVar = "DEMO_STATUS_INTERVAL_S";
    public const string MemoryVar = "DEMO_MEMORY_MB";
    public const string PlayersVar = "DEMO_PLAYERS";
    public const string MaxPlayersVar = "DEMO_MAX_PLAYERS";

    public static DemoOptions FromEnvironment(Func<string, string?> env) => new(
        TimeSpan.FromMilliseconds(Read(env, StartupDelayVar, 1500, 0, 600_000)),
        TimeSpan.FromSeconds(Read(env, StatusIntervalVar, 60, 0, 86_400)),
        Read(env, MemoryVar, 0, 0, 65_536),
        Read(env, MaxPlayersVar, 20, 0, 10_000),
        (env(PlayersVar) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    // A bad value falls back to the default rather than crashing: the demo must always start.
    private static int Read(Func<string, string?> env, string name, int fallback, int min, int max) =>
        int.TryParse(env(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : fallback;
}
