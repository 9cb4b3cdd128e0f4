namespace Aerie.Panel.Eggs;

/// <summary>A server template (Pterodactyl's egg), kept as plain data: the JSON fields hold what the egg
/// file holds, so an import can fill them without a mapping step.</summary>
internal sealed class Egg
{
    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public int NestId { get; set; }
    public Nest? Nest { get; set; }
    public required string Name { get; set; }
    public string Author { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>JSON object label → image, in the egg's order.</summary>
    public string DockerImagesJson { get; set; } = "{}";
    public string Startup { get; set; } = "";

    /// <summary>JSON object of config files to rewrite; <c>{}</c> when none.</summary>
    public string ConfigFilesJson { get; set; } = "{}";

    /// <summary>JSON object, e.g. <c>{"done":"..."}</c>.</summary>
    public string ConfigStartupJson { get; set; } = "{}";
    public string ConfigStop { get; set; } = "";
    public string ConfigLogsJson { get; set; } = "{}";

    /// <summary>JSON array of paths a user may not touch.</summary>
    public string FileDenylistJson { get; set; } = "[]";

    /// <summary>The egg whose config this one inherits (Pterodactyl's config_from).</summary>
    public int? ConfigFromId { get; set; }
    public bool ScriptPrivileged { get; set; } = true;
    public string ScriptInstall { get; set; } = "";
    public string ScriptEntry { get; set; } = "ash";
    public string ScriptContainer { get; set; } = "alpine:3.4";

    /// <summary>The egg whose install script this one uses (Pterodactyl's copy_script_from).</summary>
    public int? CopyScriptFromId { get; set; }

    /// <summary>JSON array of feature names (eula, java_version...).</summary>
    public string FeaturesJson { get; set; } = "[]";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
