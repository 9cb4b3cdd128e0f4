using System.Globalization;

namespace Aerie.Bench.Infra;

/// <summary>The soft open-files limit (children inherit it): the density scenario needs one descriptor per socket
/// on each side, so it refuses to start rather than fail halfway with EMFILE.</summary>
internal static class OpenFileLimit
{
    public static long Current()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    var soft = line["Max open files".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                    return soft == "unlimited" ? long.MaxValue : long.Parse(soft, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // not Linux: no check
        }
        return long.MaxValue;
    }

    public static void Require(long needed)
    {
        var limit = Current();
        if (limit < needed)
        {
            throw new InvalidOperationException($"open-files limit is {limit}, this scenario needs about {needed}: run `ulimit -n {needed}` first");
        }
    }
}
