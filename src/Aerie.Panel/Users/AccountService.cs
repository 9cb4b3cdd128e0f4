using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.NodeCalls;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Users;

/// <summary>
/// What a user changes on their own account (spec 04 §2.2): email and password, each behind the current
/// password. A new password ends every other session of the user and revokes their console tokens on every
/// node (spec 01), in the same transaction as the change.
/// </summary>
internal sealed class AccountService(PanelDb db, IPasswordHasher<PanelUser> hasher, NodeCallOutbox outbox, TimeProvider time)
{
    public const string InvalidPasswordText = "The password provided was invalid for this account.";
    public const string InvalidPasswordCode = "InvalidPasswordProvidedException";

    /// <exception cref="PanelProblem">400 when <paramref name="password"/> is not the account's</exception>
    public void RequirePassword(PanelUser user, string? password)
    {
        if (password is null || hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            throw PanelProblem.Display(InvalidPasswordText, InvalidPasswordCode);
        }
    }

    /// <summary>Sets the (validated, lower-cased) address; another account's address is a 422.</summary>
    public async Task<string> ChangeEmailAsync(int userId, string email, CancellationToken ct)
    {
        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        if (await db.Users.AnyAsync(u => u.Id != userId && u.Email == email, ct))
        {
            throw PanelProblem.Field("email", "unique", "The email has already been taken.");
        }
        var old = user.Email;
        user.Email = email;
        user.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return old;
    }

    /// <summary>Sets the password; every session but <paramref name="keepSessionId"/> ends, console tokens are revoked.</summary>
    public async Task ChangePasswordAsync(int userId, string password, int? keepSessionId, CancellationToken ct)
    {
        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        user.PasswordHash = hasher.HashPassword(user, password);
        user.UpdatedAt = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Sessions.Where(s => s.UserId == userId && s.Id != keepSessionId).ExecuteDeleteAsync(ct);
        await outbox.UserWideAsync(user, user.Admin, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        outbox.Wake();
    }
}
