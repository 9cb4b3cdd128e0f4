using Aerie.Panel.Data;

namespace Aerie.Panel.ApiKeys;

/// <summary>What a presented key came to: accepted (<see cref="Key"/>), refused (all null), or good but used from an address it does not allow.</summary>
internal sealed record ApiKeyCheck(ApiKey? Key, ApiKey? Blocked, string? BlockedIp)
{
    public static readonly ApiKeyCheck Refused = new(null, null, null);
}
