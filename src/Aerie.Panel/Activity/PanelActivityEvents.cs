namespace Aerie.Panel.Activity;

/// <summary>Activity events the panel itself records (nodes report theirs through the remote API).</summary>
internal static class PanelActivityEvents
{
    public const string ConsoleCredentials = "server:console.credentials";
}
