namespace Aerie.Node.Tests.Configuration;

/// <summary>Finds the shared spec fixtures (not copied into the repository) by walking up from the test assembly,
/// since a clean clone may sit at a different depth below the folder that holds <c>shared/fixtures</c>.</summary>
internal static class SharedFixtures
{
    public static string File(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var fixtures = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(fixtures))
            {
                return Path.Combine(fixtures, relative);
            }
        }
        throw new InvalidOperationException(
            $"no shared/fixtures folder in any parent of {AppContext.BaseDirectory}: these tests read the shared spec fixtures (e.g. shared/fixtures/{relative}) next to the repository");
    }
}
