namespace Aerie.Browser.Tests.Support;

/// <summary>Where the browser tests save their screenshots: the test output folder, or docs/screenshots/
/// of the repository (found by walking up to Aerie.slnx) when AERIE_UPDATE_SCREENSHOTS=1, so an ordinary
/// test run never leaves the work tree modified.</summary>
internal static class Screenshots
{
    public static string PathOf(string name)
    {
        if (Environment.GetEnvironmentVariable("AERIE_UPDATE_SCREENSHOTS") != "1")
        {
            return Path.Combine(AppContext.BaseDirectory, "screenshots", name);
        }
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Aerie.slnx")))
        {
            dir = dir.Parent;
        }
        var root = dir?.FullName ?? throw new InvalidOperationException("Aerie.slnx not found above " + AppContext.BaseDirectory);
        return Path.Combine(root, "docs", "screenshots", name);
    }
}
