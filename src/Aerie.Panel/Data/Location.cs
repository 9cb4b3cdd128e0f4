namespace Aerie.Panel.Data;

/// <summary>A group of nodes (a data centre, a region); deployments pick nodes by location.</summary>
internal sealed class Location
{
    public int Id { get; set; }

    /// <summary>Unique short code such as <c>eu.fra</c>; servers see it as <c>P_SERVER_LOCATION</c>.</summary>
    public required string Short { get; set; }
    public string Long { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
