using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Aerie.Panel.Eggs.Transfer;

/// <summary>
/// Turns an egg file of any format of spec 05 §1 into an <see cref="EggTemplate"/>, applying the import
/// normalisations listed there. Anything it cannot use is refused with an <see cref="EggFileError"/> naming the
/// key, never stored half-read.
/// </summary>
internal static partial class EggImporter
{
    /// <exception cref="EggFileError">the file is malformed or not an egg this panel reads</exception>
    public static EggTemplate Import(string text, string? fileName = null) => Import(EggFileReader.Read(text, fileName));

    public static EggTemplate Import(JsonObject root)
    {
        var meta = root["meta"] as JsonObject;
        var version = meta?["version"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (version is null || !EggFileFormat.All.Contains(version))
        {
            throw new EggFileError("meta.version", "in", EggFileError.UnrecognizedText);
        }
        var egg = new Egg
        {
            Name = Text(root, "name", "name", required: true)!,
            Author = Text(root, "author", "author") ?? "",
            Description = Text(root, "description", "description") ?? "",
            Uuid = Uuid(root),
            UpdateUrl = Text(meta!, "update_url", "meta.update_url"),
            Icon = Icon(root),
            TagsJson = Strings(root["tags"], "tags").ToJsonString(),
            FeaturesJson = Strings(root["features"], "features").ToJsonString(),
            DockerImagesJson = Images(root, version).ToJsonString(),
            FileDenylistJson = Denylist(root["file_denylist"]).ToJsonString(),
        };
        var commands = StartupCommands(root, version);
        var config = Object(root["config"], "config");
        var files = ConfigJson(config?["files"], "config.files");
        egg.ConfigStartupJson = ConfigJson(config?["startup"], "config.startup").ToJsonString();
        egg.ConfigLogsJson = ConfigJson(config?["logs"], "config.logs").ToJsonString();
        egg.ConfigStop = config is null ? "" : Text(config, "stop", "config.stop") ?? "";
        var installation = Object(Object(root["scripts"], "scripts")?["installation"], "scripts.installation");
        if (installation is not null)
        {
            egg.ScriptInstall = Text(installation, "script", "scripts.installation.script") ?? "";
            egg.ScriptContainer = Text(installation, "container", "scripts.installation.container") ?? egg.ScriptContainer;
            egg.ScriptEntry = Text(installation, "entrypoint", "scripts.installation.entrypoint") ?? egg.ScriptEntry;
        }
        var variables = Variables(root["variables"], commands, files);
        egg.StartupCommandsJson = commands.ToJsonString();
        egg.Startup = commands.Select(c => c.Value!.GetValue<string>()).First();
        egg.ConfigFilesJson = files.ToJsonString();
        return new EggTemplate(egg, variables);
    }

    private static Guid Uuid(JsonObject root) =>
        root["uuid"] switch
        {
            null => Guid.NewGuid(),
            JsonValue value when value.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id) => id,
            _ => throw new EggFileError("uuid", "uuid", "The uuid field must be a valid UUID."),
        };

    /// <summary>Pelican's <c>icon</c>; older PLCN files call it <c>image</c> when it is a data URI.</summary>
    private static string? Icon(JsonObject root)
    {
        if (Text(root, "icon", "icon") is { Length: > 0 } icon)
        {
            return icon;
        }
        return root["image"] is JsonValue v && v.TryGetValue<string>(out var image) && image.StartsWith("data:", StringComparison.Ordinal) ? image : null;
    }

    /// <summary><c>docker_images {label: image}</c>; PTDL_v1's <c>images [..]</c> or <c>image</c> become labels equal to the image.</summary>
    private static JsonObject Images(JsonObject root, string version)
    {
        var images = new JsonObject();
        switch (root["docker_images"])
        {
            case JsonObject labelled:
                foreach (var (label, image) in labelled)
                {
                    images[label] = Scalar(image, $"docker_images.{label}") is { Length: > 0 } i ? i : throw EggFileError.Type($"docker_images.{label}", "string");
                }
                break;
            case JsonArray list:
                AddList(images, list, "docker_images");
                break;
            case null:
                if (root["images"] is JsonArray v1)
                {
                    AddList(images, v1, "images");
                }
                else if (root["image"] is JsonValue one && one.TryGetValue<string>(out var single) && single.Length > 0 && !single.StartsWith("data:", StringComparison.Ordinal))
                {
                    images[single] = single;
                }
                break;
            default:
                throw EggFileError.Type("docker_images", "object");
        }
        if (images.Count == 0)
        {
            // Pterodactyl stores a bogus nil image for a PTDL_v1 file without one; refusing is clearer.
            throw EggFileError.Required(version == EggFileFormat.PtdlV1 && root["docker_images"] is null ? "images" : "docker_images");
        }
        return images;
    }

    private static void AddList(JsonObject images, JsonArray list, string key)
    {
        for (var i = 0; i < list.Count; i++)
        {
            var image = Scalar(list[i], $"{key}.{i}") is { Length: > 0 } text ? text : throw EggFileError.Type($"{key}.{i}", "string");
            images[image] = image;
        }
    }

    /// <summary>PLCN_v3's <c>startup_commands {name: command}</c>, else <c>startup</c> as <c>{"Default": startup}</c>.</summary>
    private static JsonObject StartupCommands(JsonObject root, string version)
    {
        var commands = new JsonObject();
        if (root["startup_commands"] is { } given)
        {
            var named = given as JsonObject ?? throw EggFileError.Type("startup_commands", "object");
            foreach (var (name, command) in named)
            {
                commands[name] = Scalar(command, $"startup_commands.{name}") ?? throw EggFileError.Type($"startup_commands.{name}", "string");
            }
            return commands.Count > 0 ? commands : throw EggFileError.Required("startup_commands");
        }
        commands["Default"] = Text(root, "startup", "startup") ?? throw EggFileError.Required(version == EggFileFormat.PlcnV3 ? "startup_commands" : "startup");
        return commands;
    }

    private static JsonArray Denylist(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return [];
            // An empty YAML/PHP array is written `{}` by some exporters.
            case JsonObject { Count: 0 }:
                return [];
            case JsonArray list:
                var kept = new JsonArray();
                for (var i = 0; i < list.Count; i++)
                {
                    if (Scalar(list[i], $"file_denylist.{i}") is { } pattern && pattern.Trim().Length > 0)
                    {
                        kept.Add(pattern);
                    }
                }
                return kept;
            default:
                throw EggFileError.Type("file_denylist", "array");
        }
    }

    private static JsonArray Strings(JsonNode? node, string key)
    {
        switch (node)
        {
            case null:
                return [];
            case JsonArray list:
                var kept = new JsonArray();
                for (var i = 0; i < list.Count; i++)
                {
                    kept.Add(Scalar(list[i], $"{key}.{i}") ?? throw EggFileError.Type($"{key}.{i}", "string"));
                }
                return kept;
            case JsonObject { Count: 0 }:
                return [];
            default:
                throw EggFileError.Type(key, "array");
        }
    }

    /// <summary><c>config.files/startup/logs</c>: a JSON string (PTDL) or an object (PLCN YAML); an empty PHP array
    /// (<c>[]</c>) is an empty object.</summary>
    private static JsonObject ConfigJson(JsonNode? node, string key)
    {
        var value = node;
        if (node is JsonValue text && text.TryGetValue<string>(out var json))
        {
            if (json.Trim().Length == 0)
            {
                return [];
            }
            try
            {
                using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
                value = JsonNode.Parse(document.RootElement.GetRawText());
            }
            catch (JsonException e)
            {
                throw new EggFileError(key, "json", $"The {key} field must be valid JSON: {e.Message}");
            }
        }
        return value switch
        {
            null => [],
            JsonObject obj => (JsonObject)obj.DeepClone(),
            JsonArray { Count: 0 } => [],
            _ => throw EggFileError.Type(key, "object"),
        };
    }

    private static List<EggVariable> Variables(JsonNode? node, JsonObject commands, JsonObject files)
    {
        var list = node switch
        {
            null => [],
            JsonArray a => a,
            JsonObject { Count: 0 } => [],
            _ => throw EggFileError.Type("variables", "array"),
        };
        var variables = new List<EggVariable>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var key = $"variables.{i}";
            var item = list[i] as JsonObject ?? throw EggFileError.Type(key, "object");
            var given = Text(item, "env_variable", $"{key}.env_variable", required: true)!.Trim();
            var name = given.ToUpperInvariant();
            if (!EnvName().IsMatch(name))
            {
                throw new EggFileError($"{key}.env_variable", "regex", $"The {key}.env_variable field format is invalid.");
            }
            if (name != given)
            {
                // Wings upper-cases the environment, so a lower-case reference would silently stay unexpanded.
                Rewrite(commands, files, Reference(given), "{{$1" + name + "}}");
            }
            if (ReservedVariableNames.All.Contains(name))
            {
                // Pelican's rename, with whole-word rewrites of the startup commands.
                var renamed = "SERVER_" + name;
                foreach (var (label, command) in commands.ToList())
                {
                    commands[label] = Regex.Replace(command!.GetValue<string>(), $@"\b{Regex.Escape(name)}\b", renamed, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                }
                name = renamed;
            }
            if (!seen.Add(name))
            {
                throw new EggFileError($"{key}.env_variable", "distinct", $"The {key}.env_variable field has a duplicate value.");
            }
            variables.Add(new EggVariable
            {
                Name = Text(item, "name", $"{key}.name", required: true)!,
                Description = Text(item, "description", $"{key}.description") ?? "",
                EnvVariable = name,
                DefaultValue = Scalar(item["default_value"], $"{key}.default_value") ?? "",
                UserViewable = Flag(item["user_viewable"], $"{key}.user_viewable"),
                UserEditable = Flag(item["user_editable"], $"{key}.user_editable"),
                Rules = Rules(item["rules"], $"{key}.rules"),
                Sort = Sort(item["sort"], $"{key}.sort"),
            });
        }
        return variables;
    }

    private static Regex Reference(string name) =>
        new(@"\{\{((?:server\.build\.env\.|env\.)?)" + Regex.Escape(name) + @"\}\}", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static void Rewrite(JsonObject commands, JsonObject files, Regex reference, string replacement)
    {
        foreach (var (label, command) in commands.ToList())
        {
            commands[label] = reference.Replace(command!.GetValue<string>(), replacement);
        }
        RewriteStrings(files, reference, replacement);
    }

    private static void RewriteStrings(JsonNode? node, Regex reference, string replacement)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (k, child) in obj.ToList())
                {
                    if (child is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        obj[k] = reference.Replace(text, replacement);
                    }
                    else
                    {
                        RewriteStrings(child, reference, replacement);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        array[i] = reference.Replace(text, replacement);
                    }
                    else
                    {
                        RewriteStrings(array[i], reference, replacement);
                    }
                }
                break;
        }
    }

    /// <summary>A pipe string or (Pelican) an array of rules, kept as the pipe string without empty tokens.</summary>
    private static string Rules(JsonNode? node, string key)
    {
        IEnumerable<string> tokens = node switch
        {
            null => [],
            JsonArray list => list.Select((r, i) => Scalar(r, $"{key}.{i}") ?? ""),
            _ => VariableRules.Split(Scalar(node, key) ?? ""),
        };
        return string.Join('|', tokens.Select(t => t.Trim()).Where(t => t.Length > 0));
    }

    private static int? Sort(JsonNode? node, string key) =>
        node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n) => n,
            JsonValue v when v.TryGetValue<long>(out var l) && l is >= int.MinValue and <= int.MaxValue => (int)l,
            JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) => p,
            _ => throw EggFileError.Type(key, "integer"),
        };

    /// <summary>true/false, 0/1 (PHP's truthy values in exports), or their text.</summary>
    private static bool Flag(JsonNode? node, string key) =>
        Scalar(node, key) switch
        {
            null or "" or "0" or "false" => false,
            "1" or "true" => true,
            _ => throw EggFileError.Type(key, "boolean"),
        };

    private static JsonObject? Object(JsonNode? node, string key) =>
        node switch
        {
            null => null,
            JsonObject obj => obj,
            JsonArray { Count: 0 } => null,
            _ => throw EggFileError.Type(key, "object"),
        };

    private static string? Text(JsonObject obj, string name, string key, bool required = false)
    {
        var text = obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : Scalar(obj[name], key);
        return required && string.IsNullOrWhiteSpace(text) ? throw EggFileError.Required(key) : text;
    }

    /// <summary>A scalar as stored text: strings as they are, booleans <c>"true"</c>/<c>"false"</c>, numbers their
    /// decimal text (YAML eggs carry integer defaults), null as null; objects and arrays are refused.</summary>
    private static string? Scalar(JsonNode? node, string key)
    {
        if (node is null)
        {
            return null;
        }
        if (node is not JsonValue value)
        {
            throw EggFileError.Type(key, "string");
        }
        if (value.TryGetValue<string>(out var text))
        {
            return text;
        }
        if (value.TryGetValue<bool>(out var flag))
        {
            return flag ? "true" : "false";
        }
        if (value.TryGetValue<JsonElement>(out var element))
        {
            return element.ValueKind switch
            {
                JsonValueKind.String => element.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => element.GetRawText(),
                _ => null,
            };
        }
        return value.ToJsonString();
    }

    [GeneratedRegex("^[A-Z0-9_]{1,191}$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvName();
}
