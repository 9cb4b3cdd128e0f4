using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Users;

namespace Aerie.Panel.Activity;

/// <summary>
/// The <c>activity_log</c> object (spec 04 §2.1) as <paramref name="viewer"/> may see it: the address (top-level and
/// <c>properties.ip</c>) only when the viewer is the actor or an administrator; array properties gain a
/// <c>&lt;key&gt;_count</c>. <paramref name="actors"/> holds the loaded actors for <c>include=actor</c>.
/// </summary>
internal sealed class ActivityTransformer(PanelUser viewer, IReadOnlyDictionary<Guid, PanelUser>? actors = null) : Transformer<ActivityRecord>
{
    public const string Hidden = "[hidden]";

    // Keys that describe how something was done rather than what: not "additional metadata" worth expanding.
    private static readonly HashSet<string> Circumstantial = new(StringComparer.Ordinal) { "ip", "useragent", "using_sftp" };

    public override string ObjectName => "activity_log";

    protected override IReadOnlyList<Relation<ActivityRecord>> Relations =>
    [
        new("actor", (a, _) => a.UserUuid is { } uuid && actors?.GetValueOrDefault(uuid) is { } actor ? ClientUserTransformer.Instance.Item(actor) : Fractal.Null()),
    ];

    protected override JsonObject Attributes(ActivityRecord item)
    {
        var visible = viewer.Admin || item.UserUuid == viewer.Uuid;
        var properties = new JsonObject();
        foreach (var (key, value) in ActivityMetadata.Read(item.MetadataJson).ToList())
        {
            if (key == "ip" && !visible)
            {
                properties[key] = Hidden;
                continue;
            }
            properties[key] = value?.DeepClone();
            if (value is JsonArray array)
            {
                properties[key + "_count"] = array.Count;
            }
        }
        return new JsonObject
        {
            ["id"] = OpaqueId(item.Id),
            ["batch"] = null,
            ["event"] = item.Event,
            ["is_api"] = item.IsApi,
            ["ip"] = visible ? item.Ip : null,
            ["description"] = null,
            ["properties"] = properties,
            ["has_additional_metadata"] = properties.Any(p => !Circumstantial.Contains(p.Key)),
            ["timestamp"] = ApiTime.Format(item.Timestamp),
        };
    }

    /// <summary>Hex that does not give away the row number (how busy the panel is), stable across requests.</summary>
    private static string OpaqueId(long id) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("aerie-activity:" + id.ToString(CultureInfo.InvariantCulture))))[..40];
}
