namespace Aerie.Panel.Nodes;

/// <summary>
/// The fields of an Application API node create or replace (spec 04 §3.3). <see cref="InternalUrl"/> is Aerie's
/// extra (where the panel calls the node when that is not <c>scheme://fqdn:daemon_listen</c>).
/// </summary>
internal sealed record NodeDetails(
    string Name,
    int LocationId,
    string Fqdn,
    string Scheme,
    long Memory,
    int MemoryOverallocate,
    long Disk,
    int DiskOverallocate,
    int DaemonListen,
    int DaemonSftp,
    bool Public = true,
    bool BehindProxy = false,
    bool MaintenanceMode = false,
    int UploadSize = 100,
    string? DaemonBase = null,
    string? Description = null,
    string? InternalUrl = null);
