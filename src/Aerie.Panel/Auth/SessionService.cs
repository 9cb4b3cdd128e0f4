using Aerie.Panel.Credentials;
using Aerie.Panel.Data;
using Aerie.Panel.NodeCalls;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Auth;

/// <summary>Browser sessions: the cookie holds a random token, the database only its SHA-256.</summary>
internal sealed class SessionService(PanelDb db, PanelOptions options, TimeProvider time, NodeCallOutbox outbox)
{
    public async Task<string> CreateAsync(PanelUser user, CancellationToken ct)
    {
        var token = Secrets.Random(48);
        var now = time.GetUtcNow();
        // Every login sweeps the sessions that have expired, so the table holds only live ones.
        var nowMs = now.ToUnixTimeMilliseconds();
        await db.Sessions.Where(s => s.ExpiresAtUnixMs <= nowMs).ExecuteDeleteAsync(ct);
        db.Sessions.Add(new UserSession
        {
            TokenHash = Secrets.Sha256Hex(token),
            UserId = user.Id,
            CreatedAt = now,
            ExpiresAtUnixMs = (now + options.SessionLifetime).ToUnixTimeMilliseconds(),
        });
        await db.SaveChangesAsync(ct);
        return token;
    }

    public async Task<PanelUser?> ResolveAsync(string token, CancellationToken ct) => (await FindAsync(token, ct))?.User;

    /// <summary>The live session (with its user) of a cookie value, or null.</summary>
    public async Task<UserSession?> FindAsync(string token, CancellationToken ct)
    {
        if (token.Length is 0 or > 128)
        {
            return null;
        }
        var hash = Secrets.Sha256Hex(token);
        var session = await db.Sessions.Include(s => s.User).FirstOrDefaultAsync(s => s.TokenHash == hash, ct);
        if (session?.User is null || session.ExpiresAtUnixMs <= time.GetUtcNow().ToUnixTimeMilliseconds() || session.User.Suspended)
        {
            return null;
        }
        return session;
    }

    /// <summary>Logout: the session goes, and with it (same transaction) a revocation of the console tokens minted
    /// through it, queued for every node where its user has servers. Tokens of the session's end need none: they
    /// expire with it (<see cref="ConsoleGrant.EndOf"/>).</summary>
    public async Task DeleteAsync(string token, CancellationToken ct)
    {
        var hash = Secrets.Sha256Hex(token);
        var session = await db.Sessions.Include(s => s.User).FirstOrDefaultAsync(s => s.TokenHash == hash, ct);
        if (session is null)
        {
            return;
        }
        if (session.User is { } user)
        {
            await outbox.GrantRevokedAsync(user, ConsoleGrant.OfSession(session.Id), ct);
        }
        db.Sessions.Remove(session);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return; // a concurrent logout or a purge removed it first, and queued the revocation then
        }
        outbox.Wake();
    }
}
