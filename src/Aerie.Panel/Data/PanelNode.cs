namespace Aerie.Panel.Data;

internal sealed class PanelNode
{
    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }

    /// <summary>Where the panel calls the node (may be a private address).</summary>
    public required string InternalUrl { get; set; }
    public required string PublicScheme { get; set; }
    public required string PublicHost { get; set; }
    public int PublicPort { get; set; }
    public required string TokenId { get; set; }

    /// <summary>The 64-char secret, encrypted with Data Protection.</summary>
    public required string TokenSecretProtected { get; set; }

    /// <summary>Changes on every update, so cached preflights keyed on it die with the old config.</summary>
    public Guid Stamp { get; set; } = Guid.NewGuid();
}
