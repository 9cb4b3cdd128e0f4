namespace Aerie.Up;

/// <summary>Creates the data folder and proves it is writable before anything else touches it.</summary>
internal static class UpDataFolder
{
    public static string Prepare(string folder)
    {
        var full = Path.GetFullPath(folder);
        try
        {
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UpError($"cannot create or write to the data folder {full}: {e.Message}");
        }
    }
}
