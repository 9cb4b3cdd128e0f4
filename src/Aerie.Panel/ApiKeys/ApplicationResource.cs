namespace Aerie.Panel.ApiKeys;

/// <summary>The resources an application key grants access to, one <c>r_*</c> mask each (spec 04 §1.2).</summary>
internal enum ApplicationResource
{
    Servers,
    Nodes,
    Allocations,
    Users,
    Locations,
    Nests,
    Eggs,
    DatabaseHosts,
    ServerDatabases,
}
