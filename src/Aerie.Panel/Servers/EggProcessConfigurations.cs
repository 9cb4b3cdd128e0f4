using System.Text.Json;
using System.Text.Json.Nodes;
using Aerie.Contracts.RemoteApi;

namespace Aerie.Panel.Servers;

/// <summary>An egg's <c>config.stop</c>, <c>config.startup</c> and <c>config.files</c> as spec 03's
/// <c>process_configuration</c> (spec 05 §3, §4).</summary>
internal static class EggProcessConfigurations
{
    /// <summary>
    /// <c>^</c> marks a signal: the text after the first <c>^</c>, upper-cased (<c>^C</c> → <c>C</c>, <c>^^C</c> →
    /// <c>^C</c>, which the node does not know and so kills, as both Wings do). Anything else is a console command.
    /// </summary>
    public static StopConfiguration Stop(string stop) =>
        stop.StartsWith('^') ? new("signal", stop[1..].ToUpperInvariant()) : new("command", stop);

    /// <summary><c>done</c> as a list (an egg's single string becomes one entry) and <c>strip_ansi</c>; a bad document gives no markers.</summary>
    public static StartupConfiguration Startup(string configStartupJson)
    {
        var done = new List<string>();
        var stripAnsi = false;
        if (Parse(configStartupJson) is JsonObject startup)
        {
            switch (startup["done"])
            {
                case JsonValue one when one.GetValueKind() == JsonValueKind.String:
                    done.Add(one.GetValue<string>());
                    break;
                case JsonArray many:
                    done.AddRange(many.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()));
                    break;
            }
            stripAnsi = startup["strip_ansi"] is JsonValue strip && strip.GetValueKind() == JsonValueKind.True;
        }
        return new StartupConfiguration(done.Where(d => d.Length > 0).ToList(), stripAnsi);
    }

    /// <summary>
    /// One entry per file whose value is an object with a <c>find</c> object (others are skipped, as Wings
    /// does); a nested object under a match gives one replacement per inner pair, the inner key as
    /// <c>if_value</c>. String values have their panel placeholders resolved; numbers and booleans are kept.
    /// </summary>
    public static List<ConfigFile> Configs(string configFilesJson, ConfigPlaceholders placeholders)
    {
        var files = new List<ConfigFile>();
        if (Parse(configFilesJson) is not JsonObject all)
        {
            return files;
        }
        foreach (var (path, entry) in all)
        {
            if (entry is not JsonObject file || file["find"] is not JsonObject find)
            {
                continue;
            }
            var replace = new List<ConfigReplacement>();
            foreach (var (match, value) in find)
            {
                if (value is JsonObject conditional)
                {
                    replace.AddRange(conditional.Select(pair => new ConfigReplacement(match, Resolve(pair.Value, placeholders), pair.Key)));
                }
                else
                {
                    replace.Add(new ConfigReplacement(match, Resolve(value, placeholders)));
                }
            }
            var parser = file["parser"] is JsonValue p && p.GetValueKind() == JsonValueKind.String ? p.GetValue<string>() : "";
            bool? createFile = file["create_file"] is JsonValue c && c.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? c.GetValue<bool>() : null;
            files.Add(new ConfigFile(path, parser, replace, createFile));
        }
        return files;
    }

    private static JsonElement Resolve(JsonNode? value, ConfigPlaceholders placeholders)
    {
        var resolved = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? JsonValue.Create(placeholders.Resolve(v.GetValue<string>())) : value;
        return JsonSerializer.SerializeToElement(resolved);
    }

    private static JsonNode? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            // Import refuses invalid config JSON; a row written otherwise gives an empty configuration, not a 500.
            return null;
        }
    }
}
