namespace Aerie.Panel.Eggs;

/// <summary>Environment names an egg variable may not take (spec 05 §5.3: Pterodactyl's and Pelican's lists together):
/// the panel or the node sets them itself.</summary>
internal static class ReservedVariableNames
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "SERVER_MEMORY", "SERVER_IP", "SERVER_PORT", "ENV", "HOME", "USER", "STARTUP", "MODIFIED_STARTUP", "SERVER_UUID", "UUID",
        "P_SERVER_UUID", "P_SERVER_ALLOCATION_LIMIT",
        "INTERNAL_IP", "HOSTNAME", "TERM", "LANG", "PWD", "TZ", "TIMEZONE",
        "P_SERVER_ALLOCATIONS", // beyond Wings (spec 05 §8): the panel sets it
    };
}
