using Aerie.Panel.Data;
using Aerie.Panel.Eggs;

namespace Aerie.Panel.Servers;

/// <summary>
/// What an egg server's configuration document is made of besides its own row: the egg with inheritance
/// flattened, its variables with the server's values, the node's location and the server's allocations.
/// </summary>
internal sealed record ServerTemplate(
    Egg Egg,
    IReadOnlyList<EggVariable> Variables,
    IReadOnlyDictionary<int, string> Values,
    string? LocationShort,
    IReadOnlyList<Allocation> Allocations)
{
    public Allocation? Primary(GameServer server) => Allocations.FirstOrDefault(a => a.Id == server.AllocationId);

    /// <summary>Each variable's effective value (the server's, else the egg default), in the egg's order.</summary>
    public Dictionary<string, string> VariableValues() =>
        Variables.ToDictionary(v => v.EnvVariable, v => Values.TryGetValue(v.Id, out var own) ? own : v.DefaultValue, StringComparer.Ordinal);
}
