using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Eggs;

namespace Aerie.Panel.ClientServers;

/// <summary>The client server's <c>egg</c> include (spec 04 §2.1): only its uuid and name, as Pterodactyl shows clients.</summary>
internal sealed class ServerEggTransformer : Transformer<Egg>
{
    public static readonly ServerEggTransformer Instance = new();

    public override string ObjectName => "egg";

    protected override JsonObject Attributes(Egg e) => new()
    {
        ["uuid"] = e.Uuid.ToString(),
        ["name"] = e.Name,
    };
}
