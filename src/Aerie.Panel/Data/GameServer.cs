namespace Aerie.Panel.Data;

internal sealed class GameServer
{
    public Guid Uuid { get; set; } = Guid.NewGuid();

    /// <summary>First 8 hex characters of the UUID.</summary>
    public required string Identifier { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int OwnerId { get; set; }
    public PanelUser? Owner { get; set; }
    public int? NodeId { get; set; }
    public PanelNode? Node { get; set; }
    public bool Suspended { get; set; }
    public string? Status { get; set; }
    public required string Invocation { get; set; }
    public string EnvironmentJson { get; set; } = "{}";
    public string DoneJson { get; set; } = "[]";
    public string StopType { get; set; } = "command";
    public string StopValue { get; set; } = "stop";
    public long MemoryMb { get; set; }
    public int CpuPercent { get; set; }
    public long DiskMb { get; set; }
    public string Image { get; set; } = "";
    public Guid Stamp { get; set; } = Guid.NewGuid();
}
