using Aerie.Panel.Data;

namespace Aerie.Panel.TwoFactor;

internal static class TwoFactorRequirements
{
    /// <exception cref="FormatException">not one of none, admins, all</exception>
    public static TwoFactorRequirement Parse(string value) => value.ToLowerInvariant() switch
    {
        "none" => TwoFactorRequirement.None,
        "admins" => TwoFactorRequirement.Admins,
        "all" => TwoFactorRequirement.All,
        _ => throw new FormatException($"must be none, admins or all, got '{value}'"),
    };

    /// <summary>True when <paramref name="user"/> must enable two-factor before using the API and has not.</summary>
    public static bool Blocks(this TwoFactorRequirement requirement, PanelUser user) =>
        !user.TwoFactorEnabled && requirement switch
        {
            TwoFactorRequirement.All => true,
            TwoFactorRequirement.Admins => user.Admin,
            _ => false,
        };
}
