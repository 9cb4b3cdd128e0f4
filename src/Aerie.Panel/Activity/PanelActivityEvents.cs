namespace Aerie.Panel.Activity;

/// <summary>Activity events the panel itself records (nodes report theirs through the remote API); Pterodactyl's names (spec 04 §2.4).</summary>
internal static class PanelActivityEvents
{
    public const string ConsoleCredentials = "server:console.credentials";
    public const string IpBlocked = "auth:ip-blocked";
    public const string ApiKeyCreated = "user:api-key.create";
    public const string ApiKeyDeleted = "user:api-key.delete";
}
