namespace Aerie.Panel.Data;

/// <summary>One line of a server's activity log (credentials issued, node-reported events...).</summary>
internal sealed class ActivityRecord
{
    public long Id { get; set; }
    public Guid? ServerUuid { get; set; }
    public Guid? UserUuid { get; set; }
    public required string Event { get; set; }
    public string? Ip { get; set; }
    public string? UserAgent { get; set; }

    /// <summary>Done with an API key rather than a browser session (the Client API's <c>is_api</c>).</summary>
    public bool IsApi { get; set; }
    public string MetadataJson { get; set; } = "{}";
    public DateTimeOffset Timestamp { get; set; }
}
