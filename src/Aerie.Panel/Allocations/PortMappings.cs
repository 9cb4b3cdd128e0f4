using System.Globalization;
using System.Text.RegularExpressions;
using Aerie.Panel.Http;

namespace Aerie.Panel.Allocations;

/// <summary>The <c>ports</c> of an allocation create: <c>"25565"</c> or <c>"25565-25570"</c>, with spec 04 §3.3's refusals.</summary>
internal static partial class PortMappings
{
    public const string TooManyText = "Adding more than 1000 ports in a single range at once is not supported.";
    public const string OutOfRangeText = "Ports in an allocation must be greater than 1024 and less than or equal to 65535.";
    public const int MaxRange = 1000;

    public static string InvalidText(string mapping) => $"The mapping provided for {mapping} was invalid and could not be processed.";

    public static SortedSet<int> Expand(IEnumerable<string> mappings)
    {
        var ports = new SortedSet<int>();
        foreach (var mapping in mappings)
        {
            var match = Mapping().Match(mapping.Trim());
            if (!match.Success)
            {
                throw PanelProblem.Display(InvalidText(mapping), "InvalidPortMappingException");
            }
            var low = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var high = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : low;
            if (high < low)
            {
                throw PanelProblem.Display(InvalidText(mapping), "InvalidPortMappingException");
            }
            if (high - low + 1 > MaxRange)
            {
                throw PanelProblem.Display(TooManyText, "TooManyPortsInRangeException");
            }
            if (low <= 1024 || high > 65535)
            {
                throw PanelProblem.Display(OutOfRangeText, "PortOutOfRangeException");
            }
            for (var p = low; p <= high; p++)
            {
                ports.Add(p);
            }
        }
        return ports;
    }

    /// <summary>True when <paramref name="port"/> is inside one of the ranges (for deployment's <c>port_range</c>).</summary>
    public static bool Contains(IReadOnlyList<(int Low, int High)> ranges, int port) => ranges.Count == 0 || ranges.Any(r => port >= r.Low && port <= r.High);

    /// <summary>Parses deployment's <c>port_range</c> without the 1024 floor (it only filters existing allocations).</summary>
    public static List<(int Low, int High)> Ranges(IEnumerable<string> mappings)
    {
        var ranges = new List<(int, int)>();
        foreach (var mapping in mappings)
        {
            var match = Mapping().Match(mapping.Trim());
            if (!match.Success)
            {
                throw PanelProblem.Display(InvalidText(mapping), "InvalidPortMappingException");
            }
            var low = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var high = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : low;
            if (high < low)
            {
                throw PanelProblem.Display(InvalidText(mapping), "InvalidPortMappingException");
            }
            if (high - low + 1 > MaxRange)
            {
                throw PanelProblem.Display(TooManyText, "TooManyPortsInRangeException");
            }
            ranges.Add((low, high));
        }
        return ranges;
    }

    [GeneratedRegex(@"^(\d{1,5})(?:-(\d{1,5}))?$")]
    private static partial Regex Mapping();
}
