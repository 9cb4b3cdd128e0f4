using Aerie.Panel.Data;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.TwoFactor;

/// <summary>
/// Spec 04 §1.2: when the panel requires two-factor for this user and it is not enabled, every API call but
/// the account and two-factor routes answers 400 <c>TwoFactorAuthRequiredException</c> (API keys included, as Pterodactyl).
/// </summary>
internal static class TwoFactorGate
{
    public const string AccountPath = "/api/client/account";
    public const string TwoFactorPath = "/api/client/account/two-factor";

    /// <summary>The refusal to answer, or null when the call may go on.</summary>
    public static IResult? Refusal(PanelOptions options, PanelUser user, PathString path)
    {
        if (!options.TwoFactorRequired.Blocks(user) || IsExempt(path))
        {
            return null;
        }
        return TwoFactorErrors.Result(400, TwoFactorErrors.RequiredCode, TwoFactorErrors.Required);
    }

    private static bool IsExempt(PathString path)
    {
        var p = path.Value?.TrimEnd('/') ?? "";
        return p.Equals(AccountPath, StringComparison.OrdinalIgnoreCase)
            || p.Equals(TwoFactorPath, StringComparison.OrdinalIgnoreCase)
            || p.StartsWith(TwoFactorPath + "/", StringComparison.OrdinalIgnoreCase);
    }
}
