namespace Aerie.Panel.Data;

/// <summary>A server's value for one of its egg's variables; a missing row means the egg default.</summary>
internal sealed class ServerVariable
{
    public int Id { get; set; }
    public int ServerId { get; set; }
    public GameServer? Server { get; set; }
    public int VariableId { get; set; }
    public Eggs.EggVariable? Variable { get; set; }
    public string Value { get; set; } = "";
}
