namespace Aerie.Browser.Tests.Support;

/// <summary>docs/screenshots/ of the repository the tests were built from (found by walking up to Aerie.slnx).</summary>
internal static class Screenshots
{
    public static string PathOf(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Aerie.slnx")))
        {
            dir = dir.Parent;
        }
        var root = dir?.FullName ?? throw new InvalidOperationException("Aerie.slnx not found above " + AppContext.BaseDirectory);
        return Path.Combine(root, "docs", "screenshots", name);
    }
}
