using Aerie.Panel.Data;

namespace Aerie.Panel.ApiKeys;

/// <summary>Reads and writes an application key's <c>r_*</c> masks: bit 1 read, bit 2 write.</summary>
internal static class ApplicationMasks
{
    public const int None = 0;
    public const int Read = 1;
    public const int Write = 2;
    public const int ReadWrite = Read | Write;

    /// <summary>The wire names, as Pterodactyl's admin UI and key table spell them.</summary>
    public static string Name(ApplicationResource resource) => resource switch
    {
        ApplicationResource.Servers => "r_servers",
        ApplicationResource.Nodes => "r_nodes",
        ApplicationResource.Allocations => "r_allocations",
        ApplicationResource.Users => "r_users",
        ApplicationResource.Locations => "r_locations",
        ApplicationResource.Nests => "r_nests",
        ApplicationResource.Eggs => "r_eggs",
        ApplicationResource.DatabaseHosts => "r_database_hosts",
        ApplicationResource.ServerDatabases => "r_server_databases",
        _ => throw new ArgumentOutOfRangeException(nameof(resource)),
    };

    public static int Get(ApiKey key, ApplicationResource resource) => resource switch
    {
        ApplicationResource.Servers => key.RServers,
        ApplicationResource.Nodes => key.RNodes,
        ApplicationResource.Allocations => key.RAllocations,
        ApplicationResource.Users => key.RUsers,
        ApplicationResource.Locations => key.RLocations,
        ApplicationResource.Nests => key.RNests,
        ApplicationResource.Eggs => key.REggs,
        ApplicationResource.DatabaseHosts => key.RDatabaseHosts,
        ApplicationResource.ServerDatabases => key.RServerDatabases,
        _ => throw new ArgumentOutOfRangeException(nameof(resource)),
    };

    public static void Set(ApiKey key, ApplicationResource resource, int mask)
    {
        if (mask is < None or > ReadWrite)
        {
            throw new ArgumentOutOfRangeException(nameof(mask), mask, "an r_* mask is 0-3");
        }
        switch (resource)
        {
            case ApplicationResource.Servers: key.RServers = mask; break;
            case ApplicationResource.Nodes: key.RNodes = mask; break;
            case ApplicationResource.Allocations: key.RAllocations = mask; break;
            case ApplicationResource.Users: key.RUsers = mask; break;
            case ApplicationResource.Locations: key.RLocations = mask; break;
            case ApplicationResource.Nests: key.RNests = mask; break;
            case ApplicationResource.Eggs: key.REggs = mask; break;
            case ApplicationResource.DatabaseHosts: key.RDatabaseHosts = mask; break;
            case ApplicationResource.ServerDatabases: key.RServerDatabases = mask; break;
            default: throw new ArgumentOutOfRangeException(nameof(resource));
        }
    }

    public static bool Allows(ApiKey key, ApplicationResource resource, bool write) =>
        (Get(key, resource) & (write ? Write : Read)) != 0;
}
