using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aerie.Panel.Api;

namespace Aerie.Panel.ClientServers;

/// <summary>The <c>file_object</c> of spec 04 §2.1 from the node's Stat (spec 06 §1). <c>mode_bits</c> stays a string
/// (pterojs calls <c>BigInt()</c> on it).</summary>
internal sealed class FileObjectTransformer : Transformer<JsonElement>
{
    public static readonly FileObjectTransformer Instance = new();

    public override string ObjectName => "file_object";

    protected override JsonObject Attributes(JsonElement stat) => new()
    {
        ["name"] = Text(stat, "name"),
        ["mode"] = Text(stat, "mode"),
        ["mode_bits"] = Text(stat, "mode_bits") is { Length: > 0 } bits ? bits : "0",
        ["size"] = stat.TryGetProperty("size", out var size) && size.TryGetInt64(out var n) ? n : 0,
        ["is_file"] = Flag(stat, "file"),
        ["is_symlink"] = Flag(stat, "symlink"),
        ["mimetype"] = Text(stat, "mime"),
        ["created_at"] = Time(stat, "created"),
        ["modified_at"] = Time(stat, "modified"),
    };

    private static string Text(JsonElement stat, string name) =>
        stat.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static bool Flag(JsonElement stat, string name) => stat.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static string? Time(JsonElement stat, string name) =>
        DateTimeOffset.TryParse(Text(stat, name), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? ApiTime.Format(t) : null;
}
