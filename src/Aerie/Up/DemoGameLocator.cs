namespace Aerie.Up;

/// <summary>Finds the demo game built next to the <c>aerie</c> binary and the .NET install it runs on.</summary>
internal static class DemoGameLocator
{
    public const string ExeName = "aerie-demo-game";

    public static string ExePath()
    {
        var path = Path.Combine(AppContext.BaseDirectory, ExeName);
        return File.Exists(path) ? path
            : throw new UpError($"the demo game '{ExeName}' is not next to aerie in {AppContext.BaseDirectory}; build src/Aerie again");
    }

    /// <summary>The game's environment is cleared by the process runtime, so its apphost is told where .NET is.
    /// The shared framework lives at &lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/.</summary>
    public static string DotnetRoot()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? "";
        return Path.GetFullPath(Path.Combine(framework, "..", "..", ".."));
    }
}
