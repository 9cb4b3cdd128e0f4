namespace Aerie.Node.Configuration;

/// <summary>
/// Keys of a Wings <c>config.yml</c> that Aerie has no use for (spec 03: an operator's file mostly carries over).
/// A key listed here is skipped with its whole subtree and named in one start-up warning; a key neither Aerie's
/// nor listed here is a typo and refused. Keys both share (uuid, token, api.port, system.data...) are Aerie's.
/// </summary>
internal static class WingsKeys
{
    private static readonly HashSet<string> Ignored =
    [
        "debug", "app_name", "remote_query", "allowed_mounts", "allow_cors_private_network", "ignore_panel_config_updates",
        "api.trusted_proxies",
        "system.root_directory", "system.archive_directory",
        "system.username", "system.user", "system.passwd", "system.machine_id",
        "system.activity_send_interval", "system.activity_send_count",
        "system.check_permissions_on_boot", "system.enable_log_rotate", "system.sftp", "system.crash_detection",
        "system.transfers", "system.openat_mode",
        "docker.network", "docker.domainname", "docker.registries",
        "docker.overhead", "docker.use_performant_inspect", "docker.userns_mode", "docker.log_config",
        // Aerie always throttles console output; older Wings releases also had the trigger/decay keys.
        "throttles.enabled", "throttles.maximum_trigger_count", "throttles.decay_interval", "throttles.stop_grace_period",
    ];

    public static bool IsIgnored(string path) => Ignored.Contains(path);
}
