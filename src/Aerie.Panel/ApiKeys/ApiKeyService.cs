using System.Net;
using Aerie.Panel.Auth;
using Aerie.Panel.Credentials;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.NodeCalls;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.ApiKeys;

/// <summary>
/// Client API keys: <c>aerie_</c> + 16-char public identifier + 32-char secret. Only the secret's
/// SHA-256 is stored (the secret is random and long, so a slow hash buys nothing).
/// </summary>
internal sealed class ApiKeyService(PanelDb db, TimeProvider time, NodeCallOutbox outbox)
{
    public const string Prefix = "aerie_";
    private const int IdLength = 16;
    private const int SecretLength = 32;

    // Compiled once: every API-key request runs it (see ServerAccess for why).
    private static readonly CompiledPerContext<Func<PanelDb, string, CancellationToken, Task<ApiKey?>>> ByIdentifier = new(() =>
        EF.CompileAsyncQuery((PanelDb db, string identifier, CancellationToken ct) => db.ApiKeys.Include(k => k.User).FirstOrDefault(k => k.Identifier == identifier)));

    /// <summary>A key created by an operator or from a browser session: bounded only by the arguments.</summary>
    public Task<(ApiKey Key, string Token)> CreateAsync(PanelUser user, string? description, DateTimeOffset? expiresAt, IReadOnlyList<string>? allowedIps, CancellationToken ct) =>
        CreateAsync(user, description, expiresAt, allowedIps, creator: null, ct);

    /// <param name="creator">the key the request came with, if any: the new key must fit inside it (<see cref="KeyScope"/>)</param>
    public async Task<(ApiKey Key, string Token)> CreateAsync(PanelUser user, string? description, DateTimeOffset? expiresAt, IReadOnlyList<string>? allowedIps,
        ApiKey? creator, CancellationToken ct)
    {
        if (description is { Length: > 500 })
        {
            throw PanelProblem.Invalid("description must be at most 500 characters.");
        }
        if (expiresAt is { } e && e <= time.GetUtcNow())
        {
            throw PanelProblem.Invalid("expiresAt must be in the future.");
        }
        var ips = allowedIps ?? [];
        if (ips.Count > 50 || ips.Any(ip => !IsIpOrRange(ip)))
        {
            throw PanelProblem.Invalid("allowedIps must be at most 50 IP addresses or CIDR ranges.");
        }
        if (creator is not null)
        {
            KeyScope.EnsureWithin(creator, expiresAt, ips);
        }
        if (await db.ApiKeys.CountAsync(k => k.UserId == user.Id && k.RevokedAt == null, ct) >= 25)
        {
            throw PanelProblem.Invalid("An account may hold at most 25 API keys.");
        }
        var secret = Secrets.Random(SecretLength);
        var key = new ApiKey
        {
            Identifier = Secrets.Random(IdLength),
            SecretHash = Secrets.Sha256Hex(secret),
            UserId = user.Id,
            Description = description ?? "",
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = expiresAt?.ToUniversalTime(),
            AllowedIpsJson = Json.Write(ips.Select(i => i.Trim()).ToList()),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return (key, Prefix + key.Identifier + secret);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(PanelUser user, CancellationToken ct) =>
        await db.ApiKeys.AsNoTracking().Where(k => k.UserId == user.Id && k.RevokedAt == null).OrderBy(k => k.Id).ToListAsync(ct);

    public async Task RevokeAsync(PanelUser user, string identifier, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.UserId == user.Id && k.Identifier == identifier && k.RevokedAt == null, ct)
            ?? throw PanelProblem.NotFound("API key");
        key.RevokedAt = time.GetUtcNow();
        // Console tokens minted with the key stop working too (same transaction as the revocation).
        await outbox.GrantRevokedAsync(user, ConsoleGrant.OfKey(key), ct);
        await db.SaveChangesAsync(ct);
        outbox.Wake();
    }

    /// <summary>The key (with its user), or null when the key is unknown, revoked, expired, refused for this IP, or the user suspended.</summary>
    public async Task<ApiKey?> AuthenticateAsync(string token, IPAddress? remote, CancellationToken ct)
    {
        if (token.Length != Prefix.Length + IdLength + SecretLength || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var identifier = token.Substring(Prefix.Length, IdLength);
        var key = await ByIdentifier.For(db)(db, identifier, ct);
        var now = time.GetUtcNow();
        if (key?.User is null || key.RevokedAt is not null || key.ExpiresAt is { } exp && exp <= now || key.User.Suspended
            || !Secrets.FixedEquals(Secrets.Sha256Hex(token[(Prefix.Length + IdLength)..]), key.SecretHash)
            || !IpAllowed(Json.Read<List<string>>(key.AllowedIpsJson), remote))
        {
            return null;
        }
        // Last-used is informative; skip the write when it changed less than a minute ago.
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            key.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return key;
    }

    private static bool IsIpOrRange(string value) =>
        IPAddress.TryParse(value.Trim(), out _) || IPNetwork.TryParse(value.Trim(), out _);

    private static bool IpAllowed(List<string> allowed, IPAddress? remote)
    {
        if (allowed.Count == 0)
        {
            return true;
        }
        if (remote is null)
        {
            return false;
        }
        var ip = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
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
