using Aerie.Panel.Data;

namespace Aerie.Panel.Auth;

/// <summary>The account part of a <see cref="LoginThrottle"/> key.</summary>
internal static class LoginThrottleKeys
{
    /// <summary>The user's id when the login names one, else the text typed (so unknown names are throttled too).</summary>
    public static string Account(PanelUser? user, string login) =>
        user is null ? "login:" + login.Trim().ToLowerInvariant() : "user:" + user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
