namespace Aerie.Panel.ApiKeys;

/// <summary>The key type stored on the row (Pterodactyl's values), which alone separates the two APIs.</summary>
internal static class ApiKeyType
{
    public const int Client = 1;
    public const int Application = 2;

    /// <summary>Cosmetic prefixes of new keys; lookup never relies on them.</summary>
    public static string Prefix(int type) => type == Application ? "ptla_" : "ptlc_";
}
