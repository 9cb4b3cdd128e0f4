using System.Text.Json.Nodes;

namespace Aerie.Panel.Eggs;

/// <summary>
/// The import warnings of spec 05 §5.2: a variable whose rules name a rule this panel does not know still imports,
/// but every value of it will be refused (fail closed), which the importing administrator should hear about.
/// </summary>
internal static class EggRuleWarnings
{
    public static JsonArray For(IEnumerable<EggVariable> variables) =>
    [
        .. variables.SelectMany(v => VariableRules.Unsupported(v.Rules)
            .Select(rule => (JsonNode)$"variables.{v.EnvVariable}.rules: unsupported rule {rule}; every value of this variable will be refused."))
    ];
}
