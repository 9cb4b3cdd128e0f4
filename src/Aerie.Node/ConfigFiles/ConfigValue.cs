using System.Text.Json;

namespace Aerie.Node.ConfigFiles;

/// <summary>The text of a <c>replace_with</c>: panels send strings, numbers or booleans (spec 05 §4).</summary>
internal static class ConfigValue
{
    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };
}
