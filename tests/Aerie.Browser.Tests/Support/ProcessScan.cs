namespace Aerie.Browser.Tests.Support;

/// <summary>Finds live processes by working directory (/proc/&lt;pid&gt;/cwd): the process runtime starts each game in its server folder.</summary>
internal static class ProcessScan
{
    public static List<int> WorkingUnder(string folder)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                var cwd = new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget;
                if (cwd is not null && cwd.StartsWith(folder, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the process ended while we looked, or is not ours to inspect
            }
        }
        return found;
    }
}
