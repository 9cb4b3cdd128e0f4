namespace Aerie.Panel.Tests.Eggs;

/// <summary>The real public eggs of the shared fixtures (never copied into the repository).</summary>
internal static class EggFixtures
{
    public static string Folder => SharedFixtures.File("eggs");

    public static IReadOnlyList<string> Names()
    {
        var names = Directory.GetFiles(Folder)
            .Where(f => Path.GetExtension(f) is ".json" or ".yaml" or ".yml")
            .Select(f => Path.GetFileName(f))
            .Order(StringComparer.Ordinal)
            .ToList();
        return names.Count > 0 ? names : throw new InvalidOperationException($"no egg files in {Folder}");
    }

    public static string FullPath(string name) => Path.Combine(Folder, name);

    public static string Text(string name) => File.ReadAllText(FullPath(name));
}
