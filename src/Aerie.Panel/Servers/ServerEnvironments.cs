using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Aerie.Panel.Http;

namespace Aerie.Panel.Servers;

/// <summary>A server's environment from its egg variables (spec 04 §3.5) and the <c>container.environment</c> of §3.1.</summary>
internal static class ServerEnvironments
{
    /// <summary>
    /// Each egg variable's value checked against its rules (administrator level: all of them). Keys that are
    /// no variable are ignored. An omitted variable takes the egg default on create, or keeps
    /// <paramref name="current"/> on an update (beyond Pterodactyl, which stores "" — issue #4129).
    /// </summary>
    /// <returns>variable id → value</returns>
    public static Dictionary<int, string> Validate(IReadOnlyList<EggVariable> variables, IReadOnlyDictionary<string, string?> given,
        bool omittedTakesDefault, IReadOnlyDictionary<int, string>? current)
    {
        var values = new Dictionary<int, string>();
        foreach (var v in variables)
        {
            string? value;
            if (given.TryGetValue(v.EnvVariable, out var sent))
            {
                value = sent;
            }
            else
            {
                value = current is not null && current.TryGetValue(v.Id, out var kept) ? kept : omittedTakesDefault ? v.DefaultValue : "";
            }
            var field = "environment." + v.EnvVariable;
            var failures = VariableRules.Check(v.Rules, value, field);
            if (failures.Count > 0)
            {
                throw PanelProblem.Field(field, failures[0].Rule, failures[0].Detail);
            }
            values[v.Id] = value ?? "";
        }
        return values;
    }

    /// <summary>Every variable (server value, else default) plus STARTUP and the P_SERVER_* keys, among them
    /// <c>P_SERVER_ALLOCATIONS</c> (beyond Wings: every allocation, primary first, spec 05 §8).</summary>
    public static Dictionary<string, string> Container(GameServer server, string? locationShort, IReadOnlyList<Allocation> allocations) =>
        WithPanelKeys(Json.Read<Dictionary<string, string>>(server.EnvironmentJson) ?? [], server, locationShort, allocations);

    /// <summary>The panel's part of spec 05 §5.4 after the variables: STARTUP (the raw command), P_SERVER_LOCATION,
    /// P_SERVER_UUID, P_SERVER_ALLOCATION_LIMIT and P_SERVER_ALLOCATIONS.</summary>
    public static Dictionary<string, string> WithPanelKeys(Dictionary<string, string> variables, GameServer server, string? locationShort, IEnumerable<Allocation> allocations)
    {
        variables["STARTUP"] = server.Invocation;
        variables["P_SERVER_LOCATION"] = locationShort ?? "";
        variables["P_SERVER_UUID"] = server.Uuid.ToString();
        variables["P_SERVER_ALLOCATION_LIMIT"] = (server.AllocationLimit ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        variables[ServerAllocations.VariableName] = ServerAllocations.Variable(server, allocations);
        return variables;
    }
}
