using System.Text.Json;
using System.Text.Json.Nodes;
using Aerie.Node.Configuration;
using Aerie.Panel.Data;

namespace Aerie.Panel.Nodes;

/// <summary>
/// <c>GET /api/application/nodes/{id}/configuration</c> (spec 04 §3.3): the node's own config (the same
/// <see cref="NodeConfig"/> the YAML file prints, same snake_case keys) as plain JSON, plus the Wings keys
/// Pterodactyl's answer carries and the node ignores (<c>debug</c>, <c>api.upload_limit</c>,
/// <c>system.sftp.bind_port</c>, <c>allowed_mounts</c>) so tools that read them find them. JSON is YAML:
/// the answer saved as config.yml loads as is.
/// </summary>
internal static class NodeConfigJson
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static JsonObject Render(PanelNode node, string secret, string panelUrl)
    {
        var json = JsonSerializer.SerializeToNode(NodeConfigYaml.Build(node, secret, panelUrl), Options)!.AsObject();
        json.Insert(0, "debug", false);
        json["api"]!.AsObject()["upload_limit"] = node.UploadSizeMb;
        json["system"]!.AsObject()["sftp"] = new JsonObject { ["bind_port"] = node.DaemonSftp };
        json["allowed_mounts"] = new JsonArray();
        return json;
    }
}
