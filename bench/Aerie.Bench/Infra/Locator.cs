namespace Aerie.Bench.Infra;

/// <summary>Finds the programs the harness starts as child processes: dotnet, the `aerie` exe, this bench.</summary>
internal static class Locator
{
    public static string Dotnet { get; } = FindDotnet();

    /// <summary>This assembly: children run it as <c>dotnet Aerie.Bench.dll flooder|ceiling-host</c>.</summary>
    public static string BenchDll => typeof(Locator).Assembly.Location;

    /// <summary>The `aerie` exe, built next to the bench through its project reference; <c>AERIE_BENCH_AERIE</c>
    /// points at another build (e.g. a ReadyToRun publish) to compare.</summary>
    public static string AerieDll => Environment.GetEnvironmentVariable("AERIE_BENCH_AERIE") is { Length: > 0 } other
        ? other
        : Path.Combine(Path.GetDirectoryName(BenchDll)!, "aerie.dll");

    private static string FindDotnet()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "dotnet");
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(new FileInfo(candidate).ResolveLinkTarget(true)?.FullName ?? candidate);
            }
        }
        foreach (var candidate in new[] { "/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("dotnet not found on PATH");
    }
}
