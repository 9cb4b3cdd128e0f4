using System.Text.Json.Serialization;

namespace Aerie.Node.Backups;

/// <summary>One node → panel backup report waiting for the panel (spec 07 §4, §5 step 5), as kept on disk.
/// <see cref="Kind"/> is <see cref="Completion"/> (<c>POST /api/remote/backups/{backup}</c>) or <see cref="Restore"/>
/// (<c>…/restore</c>); <see cref="Body"/> is the JSON sent.</summary>
internal sealed record PendingReport(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("backup")] string Backup,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("first_at")] DateTimeOffset FirstAt)
{
    public const string Completion = "completion";
    public const string Restore = "restore";

    /// <summary>The file name it is kept under: one per backup and kind.</summary>
    [JsonIgnore]
    public string Key => $"{Backup}.{Kind}";
}
