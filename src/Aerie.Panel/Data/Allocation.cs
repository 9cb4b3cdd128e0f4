namespace Aerie.Panel.Data;

/// <summary>An ip:port a node offers; a server holds it while <see cref="ServerId"/> is set.</summary>
internal sealed class Allocation
{
    public int Id { get; set; }
    public int NodeId { get; set; }
    public PanelNode? Node { get; set; }
    public required string Ip { get; set; }
    public string? Alias { get; set; }
    public int Port { get; set; }
    public string? Notes { get; set; }

    /// <summary>Claimed with a conditional update (only while null), so two deployments never share one.</summary>
    public int? ServerId { get; set; }
    public GameServer? Server { get; set; }
}
