using System.Globalization;

namespace Aerie.Node.Environments.LocalProcess;

/// <summary>The node's own hard rlimits (<c>/proc/self/limits</c>): a game's limit cannot be raised past them
/// without CAP_SYS_RESOURCE (which a container's root often lacks), so a configured value above is lowered to them.</summary>
internal static class HostLimits
{
    public static long Clamp(string name, long wanted)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith(name, StringComparison.Ordinal))
                {
                    continue;
                }
                // "Max open files            20000                20000                files"
                var fields = line[name.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 1 && long.TryParse(fields[1], CultureInfo.InvariantCulture, out var hard) ? Math.Min(wanted, hard) : wanted;
            }
        }
        catch (IOException)
        {
            // no procfs: keep the configured value, prlimit says what failed
        }
        return wanted;
    }
}
