using System.Net.Mail;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.NodeCalls;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Users;

/// <summary>Accounts: create, change, delete, verify a login. Changes that weaken access revoke open consoles.</summary>
internal sealed partial class UserService(PanelDb db, IPasswordHasher<PanelUser> hasher, NodeCallOutbox outbox, TimeProvider time)
{
    public const string HasServersText = "Cannot delete a user with active servers attached to their account. Please delete their servers before continuing.";

    /// <summary>
    /// The Application API's create (spec 04 §3.2): Pterodactyl's username rule after lower-casing, names and
    /// language, a unique external id, and a random password when none is given (billing modules send none;
    /// the user sets one through a reset).
    /// </summary>
    public async Task<PanelUser> CreateAsync(UserDetails details, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var user = new PanelUser { Username = "", Email = "", PasswordHash = "", CreatedAt = now, UpdatedAt = now };
        await ApplyAsync(user, details, ct);
        user.PasswordHash = hasher.HashPassword(user, details.Password is null ? Secrets.Random(32) : ValidPassword(details.Password));
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }

    /// <summary>The Application API's PATCH: every detail again (Pterodactyl re-applies the create rules); a new password revokes consoles.</summary>
    public async Task<PanelUser> ReplaceAsync(int id, UserDetails details, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw PanelProblem.NotFound("User");
        var wasAdmin = user.Admin;
        await ApplyAsync(user, details, ct);
        var revoke = wasAdmin && !user.Admin;
        if (details.Password is not null)
        {
            user.PasswordHash = hasher.HashPassword(user, ValidPassword(details.Password));
            revoke = true;
        }
        user.UpdatedAt = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (revoke)
        {
            await db.Sessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(ct);
            await outbox.UserWideAsync(user, wasAdmin, ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        outbox.Wake();
        return user;
    }

    private async Task ApplyAsync(PanelUser user, UserDetails d, CancellationToken ct)
    {
        var username = d.Username.Trim().ToLowerInvariant();
        if (username.Length > 64 || !PteroUsername().IsMatch(username))
        {
            throw PanelProblem.Field("username", "regex", "The username field format is invalid.");
        }
        var email = d.Email.Trim().ToLowerInvariant();
        if (email.Length is < 3 or > 191 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            throw PanelProblem.Field("email", "email", "The email field must be a valid email address.");
        }
        Name(d.FirstName, "first_name");
        Name(d.LastName, "last_name");
        if (d.ExternalId is { Length: > 191 })
        {
            throw PanelProblem.Field("external_id", "max", "The external id field must not be greater than 191 characters.");
        }
        if (await db.Users.AnyAsync(u => u.Id != user.Id && u.Email == email, ct))
        {
            throw PanelProblem.Field("email", "unique", "The email has already been taken.");
        }
        if (await db.Users.AnyAsync(u => u.Id != user.Id && u.Username == username, ct))
        {
            throw PanelProblem.Field("username", "unique", "The username has already been taken.");
        }
        if (d.ExternalId is { } external && await db.Users.AnyAsync(u => u.Id != user.Id && u.ExternalId == external, ct))
        {
            throw PanelProblem.Field("external_id", "unique", "The external id has already been taken.");
        }
        user.Username = username;
        user.Email = email;
        user.FirstName = d.FirstName.Trim();
        user.LastName = d.LastName.Trim();
        user.ExternalId = d.ExternalId;
        user.Language = d.Language ?? user.Language;
        user.Admin = d.RootAdmin ?? user.Admin;
    }

    private static void Name(string value, string field)
    {
        if (value.Trim().Length is < 1 or > 191)
        {
            throw PanelProblem.Field(field, "between", $"The {field.Replace('_', ' ')} field must be between 1 and 191 characters.");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-z0-9][\w.-]+[a-z0-9]$")]
    private static partial System.Text.RegularExpressions.Regex PteroUsername();

    public async Task<PanelUser> CreateAsync(string? username, string? email, string? password, bool admin, CancellationToken ct)
    {
        var user = new PanelUser
        {
            Username = ValidUsername(username),
            Email = ValidEmail(email),
            PasswordHash = "",
            Admin = admin,
            CreatedAt = time.GetUtcNow(),
            UpdatedAt = time.GetUtcNow(),
        };
        user.PasswordHash = hasher.HashPassword(user, ValidPassword(password));
        await EnsureUniqueAsync(user, ct);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }

    public async Task<PanelUser?> VerifyLoginAsync(string login, string password, CancellationToken ct)
    {
        var user = await FindForLoginAsync(login, ct);
        return PasswordMatches(user, password) && user is { Suspended: false } ? user : null;
    }

    /// <summary>The account a login names (username, or email in any case); null when none. Checks no password.</summary>
    public Task<PanelUser?> FindForLoginAsync(string login, CancellationToken ct)
    {
        var key = login.Trim();
        var lower = key.ToLowerInvariant();
        return db.Users.FirstOrDefaultAsync(u => u.Username == key || u.Email == lower, ct);
    }

    /// <summary>Checks the password; for a missing account it hashes anyway so that costs the same time as a wrong password.</summary>
    public bool PasswordMatches(PanelUser? user, string password)
    {
        if (user is null)
        {
            hasher.VerifyHashedPassword(new PanelUser { Username = "", Email = "", PasswordHash = "" }, DummyHash.Value, password);
            return false;
        }
        return hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
    }

    public async Task<PanelUser> FindAsync(Guid uuid, CancellationToken ct) =>
        await db.Users.FirstOrDefaultAsync(u => u.Uuid == uuid, ct) ?? throw PanelProblem.NotFound("User");

    public async Task<PanelUser> FindByLoginAsync(string login, CancellationToken ct)
    {
        var lower = login.Trim().ToLowerInvariant();
        return await db.Users.FirstOrDefaultAsync(u => u.Username == login.Trim() || u.Email == lower, ct) ?? throw PanelProblem.NotFound("User");
    }

    public async Task<PanelUser> UpdateAsync(Guid uuid, UserPatch patch, CancellationToken ct)
    {
        var user = await FindAsync(uuid, ct);
        var revoke = false;
        var wasAdmin = user.Admin;
        if (patch.Username is not null)
        {
            user.Username = ValidUsername(patch.Username);
        }
        if (patch.Email is not null)
        {
            user.Email = ValidEmail(patch.Email);
        }
        if (patch.Password is not null)
        {
            user.PasswordHash = hasher.HashPassword(user, ValidPassword(patch.Password));
            revoke = true;
        }
        if (patch.Admin is { } admin)
        {
            revoke |= user.Admin && !admin;
            user.Admin = admin;
        }
        if (patch.Suspended is { } suspended)
        {
            revoke |= suspended && !user.Suspended;
            user.Suspended = suspended;
        }
        await EnsureUniqueAsync(user, ct);
        // One transaction: the change, the dropped sessions and the queued revocations land together or not at all.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (revoke)
        {
            await db.Sessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(ct);
            await outbox.UserWideAsync(user, wasAdmin, ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        outbox.Wake();
        return user;
    }

    public async Task DeleteAsync(Guid uuid, CancellationToken ct)
    {
        var user = await FindAsync(uuid, ct);
        if (await db.Servers.AnyAsync(s => s.OwnerId == user.Id, ct))
        {
            throw PanelProblem.Display(HasServersText);
        }
        await outbox.UserWideAsync(user, user.Admin, ct);
        db.Users.Remove(user);
        await db.SaveChangesAsync(ct);
        outbox.Wake();
    }

    private async Task EnsureUniqueAsync(PanelUser user, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.Id != user.Id && u.Email == user.Email, ct))
        {
            throw PanelProblem.Conflict("The email is already in use.");
        }
        if (await db.Users.AnyAsync(u => u.Id != user.Id && u.Username == user.Username, ct))
        {
            throw PanelProblem.Conflict("The username is already in use.");
        }
    }

    private static string ValidUsername(string? value)
    {
        var v = value?.Trim() ?? "";
        if (v.Length is < 1 or > 64 || !v.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw PanelProblem.Invalid("username must be 1-64 characters of letters, digits, '.', '_' or '-'.");
        }
        return v;
    }

    private static string ValidEmail(string? value)
    {
        var v = value?.Trim().ToLowerInvariant() ?? "";
        if (v.Length is < 3 or > 254 || !MailAddress.TryCreate(v, out var parsed) || parsed.Address != v)
        {
            throw PanelProblem.Invalid("email must be a valid address.");
        }
        return v;
    }

    private static string ValidPassword(string? value) =>
        value is { Length: >= 8 and <= 1024 } ? value : throw PanelProblem.Invalid("password must be 8-1024 characters.");

    private static class DummyHash
    {
        public static readonly string Value = new PasswordHasher<PanelUser>().HashPassword(new PanelUser { Username = "", Email = "", PasswordHash = "" }, Secrets.Random(16));
    }
}
