namespace Aerie.Panel.Servers;

/// <summary>A validated-for-type <c>PATCH /servers/{id}/build</c> body (spec 04 §3.5).</summary>
internal sealed record ServerBuild(
    int Allocation,
    ServerLimits Limits,
    bool? OomDisabled,
    ServerFeatureLimits FeatureLimits,
    IReadOnlyList<int> AddAllocations,
    IReadOnlyList<int> RemoveAllocations);

/// <summary>A validated-for-type <c>PATCH /servers/{id}/details</c> body.</summary>
internal sealed record ServerDetails(string Name, int UserId, string? ExternalId, string? Description, bool DescriptionGiven);

/// <summary>A validated-for-type <c>PATCH /servers/{id}/startup</c> body; <c>skip_scripts</c> is accepted and has nothing to skip yet.</summary>
internal sealed record ServerStartup(string Startup, IReadOnlyDictionary<string, string?> Environment, int EggId, string Image);
