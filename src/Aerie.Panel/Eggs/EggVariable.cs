namespace Aerie.Panel.Eggs;

/// <summary>One startup variable of an egg; <see cref="Rules"/> is a Laravel rule string such as <c>required|integer|max:20</c>.</summary>
internal sealed class EggVariable
{
    public int Id { get; set; }
    public int EggId { get; set; }
    public Egg? Egg { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public required string EnvVariable { get; set; }
    public string DefaultValue { get; set; } = "";
    public bool UserViewable { get; set; }
    public bool UserEditable { get; set; }
    public string Rules { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
