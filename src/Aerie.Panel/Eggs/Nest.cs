namespace Aerie.Panel.Eggs;

/// <summary>A group of eggs (Pterodactyl's nest).</summary>
internal sealed class Nest
{
    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public string Author { get; set; } = "";
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
