using System.Globalization;

namespace Aerie.Panel.Allocations;

/// <summary>An inclusive port range <c>low-high</c> inside 1025-65535 (the ports Pterodactyl lets allocations take).</summary>
internal sealed record PortRange(int Low, int High)
{
    public const int Floor = 1025;
    public const int Ceiling = 65535;

    /// <exception cref="FormatException">not <c>low-high</c> with Floor ≤ low ≤ high ≤ Ceiling</exception>
    public static PortRange Parse(string text)
    {
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var high)
            && low >= Floor && high <= Ceiling && low <= high)
        {
            return new PortRange(low, high);
        }
        throw new FormatException($"must be low-high with {Floor} <= low <= high <= {Ceiling}, got '{text}'");
    }

    public bool Contains(int port) => port >= Low && port <= High;
}
