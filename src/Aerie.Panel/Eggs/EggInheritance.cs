namespace Aerie.Panel.Eggs;

/// <summary>
/// Pterodactyl's egg inheritance: an egg's <c>config_from</c> parent supplies each config field the egg leaves
/// empty, its <c>copy_script_from</c> egg supplies the whole install script (install, entry, container).
/// Used by exports (which flatten) and by the configuration and install script a node is sent.
/// </summary>
internal static class EggInheritance
{
    /// <summary>Sets <paramref name="flat"/>'s inherited fields from the parents (either may be null).</summary>
    public static void Apply(Egg flat, Egg? configParent, Egg? scriptParent)
    {
        if (configParent is not null)
        {
            flat.ConfigFilesJson = Inherit(flat.ConfigFilesJson, configParent.ConfigFilesJson, "{}");
            flat.ConfigStartupJson = Inherit(flat.ConfigStartupJson, configParent.ConfigStartupJson, "{}");
            flat.ConfigLogsJson = Inherit(flat.ConfigLogsJson, configParent.ConfigLogsJson, "{}");
            flat.ConfigStop = Inherit(flat.ConfigStop, configParent.ConfigStop, "");
        }
        if (scriptParent is not null)
        {
            flat.ScriptInstall = scriptParent.ScriptInstall;
            flat.ScriptEntry = scriptParent.ScriptEntry;
            flat.ScriptContainer = scriptParent.ScriptContainer;
            flat.ScriptPrivileged = scriptParent.ScriptPrivileged;
        }
    }

    private static string Inherit(string own, string parent, string empty) => own.Trim() == empty || own.Trim().Length == 0 ? parent : own;
}
