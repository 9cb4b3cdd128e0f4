namespace Aerie.Panel.Servers;

/// <summary>
/// A raw-command server's definition (no egg: the invocation and environment are used as given), for the
/// operator CLI's <c>server:create</c>, <c>aerie up</c>'s demo server and tests. Not an HTTP body: the
/// Application API creates servers from eggs (<see cref="ServerCreate"/>). Null fields are left as they are.
/// </summary>
internal sealed record ServerRequest(
    string? Name = null,
    string? Description = null,
    Guid? OwnerUuid = null,
    int? NodeId = null,
    string? Invocation = null,
    Dictionary<string, string>? Environment = null,
    List<string>? Done = null,
    string? StopType = null,
    string? StopValue = null,
    long? MemoryMb = null,
    int? CpuPercent = null,
    long? DiskMb = null,
    string? Image = null,
    int? BackupLimit = null);
