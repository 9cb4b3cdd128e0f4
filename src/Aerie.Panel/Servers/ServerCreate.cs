namespace Aerie.Panel.Servers;

/// <summary>A validated-for-type <c>POST /api/application/servers</c> body (spec 04 §3.5); the service checks the rest.</summary>
internal sealed record ServerCreate(
    string Name,
    int UserId,
    int EggId,
    string DockerImage,
    string Startup,
    IReadOnlyDictionary<string, string?> Environment,
    ServerLimits Limits,
    ServerFeatureLimits FeatureLimits,
    int? AllocationDefault = null,
    IReadOnlyList<int>? AllocationAdditional = null,
    ServerDeploy? Deploy = null,
    string? ExternalId = null,
    string? Description = null,
    bool SkipScripts = false,
    bool OomDisabled = true,
    bool StartOnCompletion = false);

internal sealed record ServerLimits(long Memory, long Swap, long Disk, int Io, int Cpu, string? Threads = null);

internal sealed record ServerFeatureLimits(int? Databases, int? Backups, int? Allocations = null);

/// <summary><c>deploy</c>: where to put the server when the caller names no allocation.</summary>
internal sealed record ServerDeploy(IReadOnlyList<int> Locations, bool DedicatedIp, IReadOnlyList<string> PortRange)
{
    /// <summary>pterojs's builder sends an empty deploy beside the allocation the caller chose (beyond Pterodactyl).</summary>
    public bool IsEmpty => Locations.Count == 0 && PortRange.Count == 0;
}
