using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Aerie.Panel.Eggs.Transfer;

/// <summary>
/// Writes a template as an egg file: <c>PTDL_v2</c> JSON (what stock Pterodactyl panels import) or <c>PLCN_v3</c>
/// YAML (Pelican's current export). The PTDL_v2 file also carries the keys Pterodactyl ignores and Pelican reads
/// (<c>uuid</c>, <c>tags</c>, <c>icon</c>, <c>startup_commands</c>, <c>variables[].sort</c>), so that re-importing
/// either file here gives the same template.
/// </summary>
internal static class EggExporter
{
    private const string Comment = "DO NOT EDIT: FILE GENERATED AUTOMATICALLY BY AERIE PANEL";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string PtdlV2Json(EggTemplate template, DateTimeOffset exportedAt)
    {
        var e = template.Egg;
        var commands = Commands(e);
        var file = new JsonObject
        {
            ["_comment"] = Comment,
            ["meta"] = new JsonObject { ["version"] = EggFileFormat.PtdlV2, ["update_url"] = e.UpdateUrl },
            ["exported_at"] = Time(exportedAt),
            ["name"] = e.Name,
            ["author"] = e.Author,
            ["uuid"] = e.Uuid.ToString(),
            ["description"] = e.Description,
            ["tags"] = JsonNode.Parse(e.TagsJson),
            ["features"] = JsonNode.Parse(e.FeaturesJson),
            ["docker_images"] = JsonNode.Parse(e.DockerImagesJson),
            ["file_denylist"] = JsonNode.Parse(e.FileDenylistJson),
            ["startup"] = e.Startup,
        };
        // One "Default" command is what PTDL_v2 says already; anything more is Pelican's.
        if (commands.Count != 1 || !commands.ContainsKey("Default"))
        {
            file["startup_commands"] = commands;
        }
        if (e.Icon is not null)
        {
            file["icon"] = e.Icon;
        }
        file["config"] = new JsonObject
        {
            ["files"] = Pretty(e.ConfigFilesJson),
            ["startup"] = Pretty(e.ConfigStartupJson),
            ["logs"] = Pretty(e.ConfigLogsJson),
            ["stop"] = e.ConfigStop,
        };
        file["scripts"] = Scripts(e);
        file["variables"] = new JsonArray([.. template.Variables.Select(v => (JsonNode)new JsonObject
        {
            ["name"] = v.Name,
            ["description"] = v.Description,
            ["env_variable"] = v.EnvVariable,
            ["default_value"] = v.DefaultValue,
            ["user_viewable"] = v.UserViewable,
            ["user_editable"] = v.UserEditable,
            ["rules"] = v.Rules,
            ["sort"] = v.Sort,
            ["field_type"] = "text",
        })]);
        return file.ToJsonString(Indented) + "\n";
    }

    public static string PlcnV3Yaml(EggTemplate template, DateTimeOffset exportedAt)
    {
        var e = template.Egg;
        var file = new JsonObject
        {
            ["_comment"] = Comment,
            ["meta"] = new JsonObject { ["version"] = EggFileFormat.PlcnV3, ["update_url"] = e.UpdateUrl },
            ["exported_at"] = Time(exportedAt),
            ["name"] = e.Name,
            ["author"] = e.Author,
            ["uuid"] = e.Uuid.ToString(),
            ["description"] = e.Description,
            ["icon"] = e.Icon,
            ["tags"] = JsonNode.Parse(e.TagsJson),
            ["features"] = JsonNode.Parse(e.FeaturesJson),
            ["docker_images"] = JsonNode.Parse(e.DockerImagesJson),
            ["file_denylist"] = JsonNode.Parse(e.FileDenylistJson),
            ["startup_commands"] = Commands(e),
            ["config"] = new JsonObject
            {
                ["files"] = JsonNode.Parse(e.ConfigFilesJson),
                ["startup"] = JsonNode.Parse(e.ConfigStartupJson),
                ["logs"] = JsonNode.Parse(e.ConfigLogsJson),
                ["stop"] = e.ConfigStop,
            },
            ["scripts"] = Scripts(e),
            ["variables"] = new JsonArray([.. template.Variables.Select(v => (JsonNode)new JsonObject
            {
                ["name"] = v.Name,
                ["description"] = v.Description,
                ["env_variable"] = v.EnvVariable,
                ["default_value"] = v.DefaultValue,
                ["user_viewable"] = v.UserViewable,
                ["user_editable"] = v.UserEditable,
                ["rules"] = new JsonArray([.. VariableRules.Split(v.Rules).Select(r => (JsonNode)r)]),
                ["sort"] = v.Sort,
            })]),
        };
        var stream = new YamlStream(new YamlDocument(ToYaml(file)));
        var text = new StringBuilder();
        using (var writer = new StringWriter(text, CultureInfo.InvariantCulture))
        {
            stream.Save(writer, assignAnchors: false);
        }
        // YamlStream ends a document with "...": not needed for one document.
        return text.ToString().Replace("\n...\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>The startup commands, or <c>{"Default": startup}</c> for an egg made before they were stored.</summary>
    public static JsonObject Commands(Egg e) =>
        JsonNode.Parse(e.StartupCommandsJson) is JsonObject { Count: > 0 } commands ? commands : new JsonObject { ["Default"] = e.Startup };

    private static JsonObject Scripts(Egg e) => new()
    {
        ["installation"] = new JsonObject
        {
            ["script"] = e.ScriptInstall,
            ["container"] = e.ScriptContainer,
            ["entrypoint"] = e.ScriptEntry,
        },
    };

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    /// <summary>PTDL keeps config objects as JSON text; indented, as Pterodactyl writes them.</summary>
    private static string Pretty(string json) => JsonNode.Parse(json)?.ToJsonString(Indented) ?? "{}";

    private static YamlNode ToYaml(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var mapping = new YamlMappingNode();
                foreach (var (key, value) in obj)
                {
                    mapping.Add(new YamlScalarNode(key), ToYaml(value));
                }
                return mapping;
            case JsonArray array:
                var sequence = new YamlSequenceNode();
                foreach (var item in array)
                {
                    sequence.Add(ToYaml(item));
                }
                return sequence;
            case null:
                return new YamlScalarNode("null") { Style = ScalarStyle.Plain };
            case JsonValue value when value.TryGetValue<string>(out var text):
                // Quoted so a value such as "1", "true" or "01" stays text; multi-line text as a block when it can be.
                return new YamlScalarNode(text) { Style = text.Contains('\n', StringComparison.Ordinal) && !text.Contains('\r', StringComparison.Ordinal) ? ScalarStyle.Literal : ScalarStyle.DoubleQuoted };
            default:
                return new YamlScalarNode(node.ToJsonString()) { Style = ScalarStyle.Plain };
        }
    }
}
