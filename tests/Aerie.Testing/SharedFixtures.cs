namespace Aerie.Testing;

/// <summary>
/// Finds the shared spec fixtures (test data that is not copied into the repository): <c>AERIE_SHARED_FIXTURES</c>
/// when set (scripts/test.sh sets it), else a <c>shared/fixtures</c> folder in a parent of the test assembly or
/// of the working folder, else this workplace's <c>/work/shared/fixtures</c> — a clean clone may sit anywhere.
/// </summary>
internal static class SharedFixtures
{
    public const string Variable = "AERIE_SHARED_FIXTURES";

    public static string File(string relative)
    {
        foreach (var folder in Candidates())
        {
            if (Directory.Exists(folder))
            {
                return Path.Combine(folder, relative);
            }
        }
        throw new InvalidOperationException(
            $"the shared spec fixtures were not found (looked for {Variable}, shared/fixtures above {AppContext.BaseDirectory} and {Environment.CurrentDirectory}, and /work/shared/fixtures): set {Variable} to the folder holding {relative}");
    }

    private static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            yield return given;
        }
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                yield return Path.Combine(dir.FullName, "shared", "fixtures");
            }
        }
        yield return "/work/shared/fixtures";
    }
}
