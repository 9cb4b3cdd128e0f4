using System.Net.Mail;

namespace Aerie.Panel.Users;

/// <summary>Laravel's <c>email</c> rule as the Client API applies it: one plain address, nothing around it.</summary>
internal static class EmailRule
{
    public const int MaxLength = 191;

    public static bool IsValid(string email) =>
        email.Length >= 3 && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.IndexOf('@', StringComparison.Ordinal) > 0;
}
