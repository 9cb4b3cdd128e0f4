using System.Text.Json.Nodes;

namespace Aerie.Panel.Eggs.Transfer;

/// <summary>
/// An egg as a file describes it, before it belongs to a nest: the import's result and the export's input. The
/// <see cref="Egg"/> carries no id, nest or timestamps; <see cref="Variables"/> are in the file's order.
/// </summary>
internal sealed record EggTemplate(Egg Egg, IReadOnlyList<EggVariable> Variables)
{
    /// <summary>Everything the template says, as one JSON tree (ids, nest and times left out): two imports
    /// give the same template when their canonical forms are equal.</summary>
    public JsonObject Canonical()
    {
        var e = Egg;
        return new JsonObject
        {
            ["uuid"] = e.Uuid.ToString(),
            ["name"] = e.Name,
            ["author"] = e.Author,
            ["description"] = e.Description,
            ["update_url"] = e.UpdateUrl,
            ["icon"] = e.Icon,
            ["tags"] = JsonNode.Parse(e.TagsJson),
            ["features"] = JsonNode.Parse(e.FeaturesJson),
            ["docker_images"] = JsonNode.Parse(e.DockerImagesJson),
            ["file_denylist"] = JsonNode.Parse(e.FileDenylistJson),
            ["startup"] = e.Startup,
            ["startup_commands"] = JsonNode.Parse(e.StartupCommandsJson),
            ["config_files"] = JsonNode.Parse(e.ConfigFilesJson),
            ["config_startup"] = JsonNode.Parse(e.ConfigStartupJson),
            ["config_logs"] = JsonNode.Parse(e.ConfigLogsJson),
            ["config_stop"] = e.ConfigStop,
            ["script_install"] = e.ScriptInstall,
            ["script_entry"] = e.ScriptEntry,
            ["script_container"] = e.ScriptContainer,
            ["script_privileged"] = e.ScriptPrivileged,
            ["variables"] = new JsonArray([.. Variables.Select(v => (JsonNode)new JsonObject
            {
                ["name"] = v.Name,
                ["description"] = v.Description,
                ["env_variable"] = v.EnvVariable,
                ["default_value"] = v.DefaultValue,
                ["user_viewable"] = v.UserViewable,
                ["user_editable"] = v.UserEditable,
                ["rules"] = v.Rules,
                ["sort"] = v.Sort,
            })]),
        };
    }
}
