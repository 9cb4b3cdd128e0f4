using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aerie.Panel.Backups;

/// <summary>
/// A server's backup retention policy (spec 07 §9), stored as this JSON on the server row. Null or 0 disables a
/// bucket or limit; all four buckets off keeps every backup (Pterodactyl's behaviour).
/// </summary>
internal sealed record RetentionPolicy(
    [property: JsonPropertyName("keep_last")] int? KeepLast,
    [property: JsonPropertyName("keep_daily")] int? KeepDaily,
    [property: JsonPropertyName("keep_weekly")] int? KeepWeekly,
    [property: JsonPropertyName("keep_monthly")] int? KeepMonthly,
    [property: JsonPropertyName("max_age_days")] int? MaxAgeDays,
    [property: JsonPropertyName("max_total_bytes")] long? MaxTotalBytes,
    [property: JsonPropertyName("on_limit")] string OnLimit,
    [property: JsonPropertyName("prune_failed_after_hours")] int PruneFailedAfterHours)
{
    public const string Rotate = "rotate";
    public const string Reject = "reject";

    public static readonly RetentionPolicy Default = new(3, 7, 4, 6, null, null, Rotate, 24);

    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>True when no keep bucket is set: every candidate is kept (the age and size limits still apply).</summary>
    [JsonIgnore]
    public bool KeepsEverything => (KeepLast ?? 0) == 0 && (KeepDaily ?? 0) == 0 && (KeepWeekly ?? 0) == 0 && (KeepMonthly ?? 0) == 0;

    [JsonIgnore]
    public bool Rotates => OnLimit == Rotate;

    /// <summary>The stored policy; null or unreadable JSON (never written by the panel) is the default.</summary>
    public static RetentionPolicy Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return Default;
        }
        try
        {
            return JsonSerializer.Deserialize<RetentionPolicy>(json, Options) ?? Default;
        }
        catch (JsonException)
        {
            return Default;
        }
    }

    public string Write() => JsonSerializer.Serialize(this, Options);
}
