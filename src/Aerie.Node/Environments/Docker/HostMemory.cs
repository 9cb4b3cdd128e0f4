using System.Globalization;

namespace Aerie.Node.Environments.Docker;

/// <summary>The host's physical memory: the ceiling for a server without a memory limit of its own.</summary>
internal static class HostMemory
{
    public static long TotalBytes()
    {
        // MemTotal rather than the GC's figure: the daemon's own cgroup limit (if any) says nothing about the host.
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (line.StartsWith("MemTotal:", StringComparison.Ordinal)
                    && long.TryParse(line["MemTotal:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
                {
                    return kib * 1024;
                }
            }
        }
        catch (IOException)
        {
            // Not Linux procfs: fall through.
        }
        catch (UnauthorizedAccessException)
        {
        }
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }
}
