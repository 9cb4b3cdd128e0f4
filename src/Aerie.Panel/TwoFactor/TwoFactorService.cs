using Aerie.Panel.Activity;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace Aerie.Panel.TwoFactor;

/// <summary>
/// Enrolment, codes and recovery tokens. A code is accepted for the current 30-second step or one step either
/// side (clock drift), and only for a step later than the last one accepted: the compare-and-set on
/// <see cref="UserTwoFactor.LastUsedStep"/> is one UPDATE, so two requests racing with one code cannot both win.
/// Recovery tokens are stored as SHA-256 and deleted when used (one DELETE, same reason).
/// </summary>
internal sealed class TwoFactorService(PanelDb db, TotpSecrets secrets, IPasswordHasher<PanelUser> hasher, ActivityWriter activity, TimeProvider time)
{
    public const int RecoveryTokenCount = 10;
    public const int RecoveryTokenLength = 10;
    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    /// <summary>A new secret for the user to enrol with; replaces an earlier one not yet confirmed.</summary>
    public async Task<(string Url, string Secret)> BeginEnrolAsync(PanelUser user, CancellationToken ct)
    {
        if (user.TwoFactorEnabled)
        {
            throw new PanelProblem(400, TwoFactorErrors.AlreadyEnabled);
        }
        var secret = TotpSecrets.NewBase32();
        var row = await db.TwoFactors.FirstOrDefaultAsync(t => t.UserId == user.Id, ct);
        if (row is null)
        {
            db.TwoFactors.Add(new UserTwoFactor { UserId = user.Id, SecretProtected = secrets.Protect(secret), CreatedAt = time.GetUtcNow() });
        }
        else
        {
            row.SecretProtected = secrets.Protect(secret);
            row.LastUsedStep = 0;
            row.CreatedAt = time.GetUtcNow();
        }
        await db.SaveChangesAsync(ct);
        return (TotpSecrets.OtpAuthUrl(user.Email, secret), secret);
    }

    /// <summary>Confirms enrolment with the password and a first code; returns the recovery tokens, shown once.</summary>
    /// <returns>null when the code is wrong</returns>
    public async Task<IReadOnlyList<string>?> EnableAsync(PanelUser user, string code, string password, ActivityContext context, CancellationToken ct)
    {
        if (user.TwoFactorEnabled)
        {
            throw new PanelProblem(400, TwoFactorErrors.AlreadyEnabled);
        }
        RequirePassword(user, password);
        if (!await AcceptCodeAsync(user.Id, code, ct))
        {
            return null;
        }
        var tokens = Enumerable.Range(0, RecoveryTokenCount).Select(_ => Secrets.Random(RecoveryTokenLength)).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.RecoveryTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(ct);
        var now = time.GetUtcNow();
        db.RecoveryTokens.AddRange(tokens.Select(t => new RecoveryToken { UserId = user.Id, TokenHash = Secrets.Sha256Hex(t), CreatedAt = now }));
        await db.SaveChangesAsync(ct);
        await SetEnabledAsync(user, true, ct);
        await tx.CommitAsync(ct);
        await RecordAsync(user, TwoFactorEvents.Enabled, context, ct);
        return tokens;
    }

    public async Task DisableAsync(PanelUser user, string password, ActivityContext context, CancellationToken ct)
    {
        RequirePassword(user, password);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.RecoveryTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(ct);
        await db.TwoFactors.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(ct);
        var wasEnabled = user.TwoFactorEnabled;
        await SetEnabledAsync(user, false, ct);
        await tx.CommitAsync(ct);
        if (wasEnabled)
        {
            await RecordAsync(user, TwoFactorEvents.Disabled, context, ct);
        }
    }

    /// <summary>The login checkpoint: a current code (never one already used) or an unused recovery token.</summary>
    public async Task<bool> VerifyLoginAsync(PanelUser user, string? code, string? recoveryToken, CancellationToken ct)
    {
        if (!user.TwoFactorEnabled)
        {
            return false;
        }
        if (!string.IsNullOrEmpty(code))
        {
            return await AcceptCodeAsync(user.Id, code, ct);
        }
        if (recoveryToken is { Length: > 0 and <= 64 })
        {
            var hash = Secrets.Sha256Hex(recoveryToken.Trim());
            return await db.RecoveryTokens.Where(t => t.UserId == user.Id && t.TokenHash == hash).ExecuteDeleteAsync(ct) == 1;
        }
        return false;
    }

    private async Task<bool> AcceptCodeAsync(int userId, string code, CancellationToken ct)
    {
        code = code.Trim();
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }
        var row = await db.TwoFactors.AsNoTracking().FirstOrDefaultAsync(t => t.UserId == userId, ct);
        if (row is null || !new Totp(secrets.Unprotect(row.SecretProtected)).VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, Drift))
        {
            return false;
        }
        return await db.TwoFactors.Where(t => t.UserId == userId && t.LastUsedStep < step)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedStep, step), ct) == 1;
    }

    // One UPDATE whether or not this context tracks the user (a session's user is tracked, a key's may not be).
    private async Task SetEnabledAsync(PanelUser user, bool enabled, CancellationToken ct)
    {
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TwoFactorEnabled, enabled), ct);
        user.TwoFactorEnabled = enabled;
        var entry = db.Entry(user);
        if (entry.State != EntityState.Detached)
        {
            entry.Property(u => u.TwoFactorEnabled).IsModified = false;
        }
    }

    private void RequirePassword(PanelUser user, string password)
    {
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            throw new PanelProblem(400, TwoFactorErrors.WrongPassword);
        }
    }

    private ValueTask RecordAsync(PanelUser user, string name, ActivityContext context, CancellationToken ct) =>
        activity.RecordAsync(new ActivityRecord
        {
            UserUuid = user.Uuid,
            Event = name,
            Ip = context.Ip,
            UserAgent = context.UserAgent,
            Timestamp = time.GetUtcNow(),
        }, db, ct);
}
