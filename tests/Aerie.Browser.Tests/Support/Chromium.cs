using Microsoft.Playwright;

namespace Aerie.Browser.Tests.Support;

/// <summary>Debian's Chromium, never Playwright's download (no internet here): AERIE_TEST_CHROMIUM names it.</summary>
internal static class Chromium
{
    public const string Variable = "AERIE_TEST_CHROMIUM";

    public static string ExecutablePath()
    {
        var path = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } set ? set : "/usr/bin/chromium";
        return File.Exists(path) ? path
            : throw new InvalidOperationException($"{Variable} must name a Chromium executable ('{path}' does not exist; apt-get install -y chromium)");
    }

    public static BrowserTypeLaunchOptions LaunchOptions(string executable) => new()
    {
        ExecutablePath = executable,
        Headless = true,
        Timeout = 30_000,
        // Quiet on a closed network, and runnable as root.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    };
}
