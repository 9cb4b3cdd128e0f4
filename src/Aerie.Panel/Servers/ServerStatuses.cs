namespace Aerie.Panel.Servers;

/// <summary>Panel-side server statuses (null = normal), as Pterodactyl names them.</summary>
internal static class ServerStatuses
{
    public const string Installing = "installing";
    public const string InstallFailed = "install_failed";
}
