namespace Aerie.Panel.Data;

internal sealed class Subuser
{
    public int Id { get; set; }
    public Guid ServerUuid { get; set; }
    public GameServer? Server { get; set; }
    public int UserId { get; set; }
    public PanelUser? User { get; set; }

    /// <summary>JSON array of permission strings; always contains websocket.connect.</summary>
    public string PermissionsJson { get; set; } = "[]";
}
