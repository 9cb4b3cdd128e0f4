using System.Globalization;
using System.Net;
using Aerie.Panel.Api;
using Aerie.Panel.Auth;
using Aerie.Panel.Credentials;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.NodeCalls;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.ApiKeys;

/// <summary>
/// API keys (spec 04 §1.2): 48 characters, a 16-character identifier (<c>ptlc_</c>/<c>ptla_</c> + 11 random)
/// then a 32-character secret. Only the secret's SHA-256 is stored (it is random and long, so a slow hash
/// buys nothing) and compared in constant time. Older Aerie keys (<c>aerie_</c> + 16 + 32) still authenticate.
/// </summary>
internal sealed class ApiKeyService(PanelDb db, TimeProvider time, NodeCallOutbox outbox)
{
    public const int IdentifierLength = 16;
    public const int SecretLength = 32;
    public const int KeyLength = IdentifierLength + SecretLength;
    public const int MaxClientKeys = 25;
    public const int MaxAllowedIps = 50;
    public const string LimitReached = "You have reached the account limit for number of API keys.";
    private const string LegacyPrefix = "aerie_";

    // Compiled once: every API-key request runs it (see ServerAccess for why).
    private static readonly CompiledPerContext<Func<PanelDb, string, CancellationToken, Task<ApiKey?>>> ByIdentifier = new(() =>
        EF.CompileAsyncQuery((PanelDb db, string identifier, CancellationToken ct) => db.ApiKeys.Include(k => k.User).FirstOrDefault(k => k.Identifier == identifier)));

    /// <summary>A client key created by an operator or from a browser session: bounded only by the arguments.</summary>
    public Task<(ApiKey Key, string Token)> CreateAsync(PanelUser user, string? description, DateTimeOffset? expiresAt, IReadOnlyList<string>? allowedIps, CancellationToken ct) =>
        CreateAsync(user, description, expiresAt, allowedIps, creator: null, ct);

    /// <param name="creator">the key the request came with, if any: the new key must fit inside it (<see cref="KeyScope"/>)</param>
    /// <exception cref="PanelProblem">422 per bad field, 400 at the 25-key limit</exception>
    public async Task<(ApiKey Key, string Token)> CreateAsync(PanelUser user, string? description, DateTimeOffset? expiresAt, IReadOnlyList<string>? allowedIps,
        ApiKey? creator, CancellationToken ct)
    {
        var ips = Validate(description, expiresAt, allowedIps ?? []);
        if (creator is not null)
        {
            KeyScope.EnsureWithin(creator, expiresAt, ips);
        }
        if (await db.ApiKeys.CountAsync(k => k.UserId == user.Id && k.KeyType == ApiKeyType.Client && k.RevokedAt == null, ct) >= MaxClientKeys)
        {
            throw PanelProblem.Display(LimitReached);
        }
        return await AddAsync(user, ApiKeyType.Client, description, expiresAt, ips, key => { }, ct);
    }

    /// <summary>An application key, owned by an administrator, with one access mask per resource (absent = 0).</summary>
    public async Task<(ApiKey Key, string Token)> CreateApplicationAsync(PanelUser admin, string? description, IReadOnlyDictionary<ApplicationResource, int> masks,
        IReadOnlyList<string>? allowedIps, CancellationToken ct)
    {
        if (!admin.Admin)
        {
            throw new PanelProblem(403, "Application API keys belong to administrators; this account is not one.", ApiErrorCodes.AccessDenied);
        }
        var ips = Validate(description, null, allowedIps ?? []);
        return await AddAsync(admin, ApiKeyType.Application, description, null, ips, key =>
        {
            foreach (var (resource, mask) in masks)
            {
                ApplicationMasks.Set(key, resource, mask);
            }
        }, ct);
    }

    /// <summary>The user's client keys (application keys are not listed on the account).</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(PanelUser user, CancellationToken ct) =>
        await db.ApiKeys.AsNoTracking().Where(k => k.UserId == user.Id && k.KeyType == ApiKeyType.Client && k.RevokedAt == null).OrderBy(k => k.Id).ToListAsync(ct);

    public async Task RevokeAsync(PanelUser user, string identifier, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.UserId == user.Id && k.KeyType == ApiKeyType.Client && k.Identifier == identifier && k.RevokedAt == null, ct)
            ?? throw new PanelProblem(404, ApiErrorCodes.ResourceNotFoundText);
        key.RevokedAt = time.GetUtcNow();
        // Console tokens minted with the key stop working too (same transaction as the revocation).
        await outbox.GrantRevokedAsync(user, ConsoleGrant.OfKey(key), ct);
        await db.SaveChangesAsync(ct);
        outbox.Wake();
    }

    /// <summary>
    /// The key (with its user) when it is known, live and its user not suspended; <see cref="ApiKeyCheck.BlockedIp"/>
    /// is set when all that holds but the caller's address is outside <c>allowed_ips</c>.
    /// </summary>
    public async Task<ApiKeyCheck> AuthenticateAsync(string token, IPAddress? remote, CancellationToken ct)
    {
        if (!Split(token, out var identifier, out var secret))
        {
            return ApiKeyCheck.Refused;
        }
        var key = await ByIdentifier.For(db)(db, identifier, ct);
        var now = time.GetUtcNow();
        if (key?.User is null || key.RevokedAt is not null || key.ExpiresAt is { } exp && exp <= now || key.User.Suspended
            || !Secrets.FixedEquals(Secrets.Sha256Hex(secret), key.SecretHash))
        {
            return ApiKeyCheck.Refused;
        }
        var ip = remote is { IsIPv4MappedToIPv6: true } ? remote.MapToIPv4() : remote;
        if (!IpAllowed(Json.Read<List<string>>(key.AllowedIpsJson), ip))
        {
            return new ApiKeyCheck(null, key, ip?.ToString() ?? "unknown");
        }
        // Last-used is informative; skip the write when it changed less than a minute ago.
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            key.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return new ApiKeyCheck(key, null, null);
    }

    private async Task<(ApiKey Key, string Token)> AddAsync(PanelUser user, int type, string? description, DateTimeOffset? expiresAt, List<string> ips,
        Action<ApiKey> grant, CancellationToken ct)
    {
        var secret = Secrets.Random(SecretLength);
        var key = new ApiKey
        {
            Identifier = ApiKeyType.Prefix(type) + Secrets.Random(IdentifierLength - 5),
            SecretHash = Secrets.Sha256Hex(secret),
            UserId = user.Id,
            KeyType = type,
            Description = description ?? "",
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = expiresAt?.ToUniversalTime(),
            AllowedIpsJson = Json.Write(ips),
        };
        grant(key);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return (key, key.Identifier + secret);
    }

    private List<string> Validate(string? description, DateTimeOffset? expiresAt, IReadOnlyList<string> allowedIps)
    {
        var input = new ApiInput([]);
        if (description is { Length: > 500 })
        {
            input.Fail("description", "max", "The description field must not be greater than 500 characters.");
        }
        if (expiresAt is { } e && e <= time.GetUtcNow())
        {
            input.Fail("expires_at", "after", "The expires at field must be a date after now.");
        }
        if (allowedIps.Count > MaxAllowedIps)
        {
            input.Fail("allowed_ips", "max", $"The allowed ips field must not have more than {MaxAllowedIps} items.");
        }
        for (var i = 0; i < allowedIps.Count; i++)
        {
            if (!IsIpOrRange(allowedIps[i]))
            {
                var field = "allowed_ips." + i.ToString(CultureInfo.InvariantCulture);
                input.Fail(field, "ip", $"The {field} field must be a valid IP address or CIDR range.");
            }
        }
        input.ThrowIfInvalid();
        return allowedIps.Select(i => i.Trim()).ToList();
    }

    /// <summary>48 characters: identifier then secret; or a legacy Aerie key.</summary>
    private static bool Split(string token, out string identifier, out string secret)
    {
        if (token.Length == LegacyPrefix.Length + KeyLength && token.StartsWith(LegacyPrefix, StringComparison.Ordinal))
        {
            token = token[LegacyPrefix.Length..];
        }
        if (token.Length != KeyLength)
        {
            (identifier, secret) = ("", "");
            return false;
        }
        (identifier, secret) = (token[..IdentifierLength], token[IdentifierLength..]);
        return true;
    }

    private static bool IsIpOrRange(string value) =>
        IPAddress.TryParse(value.Trim(), out _) || value.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(value.Trim(), out _);

    private static bool IpAllowed(List<string> allowed, IPAddress? ip)
    {
        if (allowed.Count == 0)
        {
            return true;
        }
        if (ip is null)
        {
            return false;
        }
        foreach (var entry in allowed)
        {
            if (IPAddress.TryParse(entry, out var single) && single.Equals(ip))
            {
                return true;
            }
            if (entry.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(entry, out var net) && net.Contains(ip))
            {
                return true;
            }
        }
        return false;
    }
}
