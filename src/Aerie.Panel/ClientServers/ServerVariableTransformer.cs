using System.Text.Json.Nodes;
using Aerie.Panel.Api;

namespace Aerie.Panel.ClientServers;

/// <summary>The client API's <c>egg_variable</c> object (spec 04 §2.1): one variable of a server's egg with the server's value.</summary>
internal sealed class ServerVariableTransformer : Transformer<ServerVariableView>
{
    public static readonly ServerVariableTransformer Instance = new();

    public override string ObjectName => "egg_variable";

    protected override JsonObject Attributes(ServerVariableView v) => new()
    {
        ["name"] = v.Variable.Name,
        ["description"] = v.Variable.Description,
        ["env_variable"] = v.Variable.EnvVariable,
        ["default_value"] = v.Variable.DefaultValue,
        ["server_value"] = v.ServerValue,
        ["is_editable"] = Eggs.VariableAccess.UserEditable(v.Variable),
        ["rules"] = v.Variable.Rules,
    };
}
