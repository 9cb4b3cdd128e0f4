using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Auth;

/// <summary>Browser sessions: the cookie holds a random token, the database only its SHA-256.</summary>
internal sealed class SessionService(PanelDb db, PanelOptions options, TimeProvider time)
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

    public async Task<PanelUser?> ResolveAsync(string token, CancellationToken ct)
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
        return session.User;
    }

    public async Task DeleteAsync(string token, CancellationToken ct)
    {
        var hash = Secrets.Sha256Hex(token);
        await db.Sessions.Where(s => s.TokenHash == hash).ExecuteDeleteAsync(ct);
    }
}
