using System.Globalization;
using System.Text;
using Aerie.Panel.Data;

namespace Aerie.Panel.Nodes;

/// <summary>The node's ready config file (spec 03), so an operator never writes secrets by hand.</summary>
internal static class NodeConfigYaml
{
    public static string Render(PanelNode node, string secret, string panelUrl)
    {
        var internalUri = new Uri(node.InternalUrl);
        var ssl = internalUri.Scheme == "https" ? "true" : "false";
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"uuid: {node.Uuid}\n");
        sb.Append(CultureInfo.InvariantCulture, $"token_id: {node.TokenId}\n");
        sb.Append(CultureInfo.InvariantCulture, $"token: {secret}\n");
        sb.Append(CultureInfo.InvariantCulture, $"remote: {Quote(panelUrl.TrimEnd('/'))}\n");
        sb.Append("api:\n  host: 0.0.0.0\n");
        sb.Append(CultureInfo.InvariantCulture, $"  port: {internalUri.Port}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  ssl: {{ enabled: {ssl}, cert: \"\", key: \"\" }}\n");
        sb.Append("system:\n  data: /var/lib/aerie/volumes\n  websocket_log_count: 150\n");
        sb.Append("allowed_origins: []\n");
        sb.Append("throttles: { lines: 2000, line_reset_interval: 100 }\n");
        sb.Append("runtime: process\n");
        sb.Append("docker: { socket: /var/run/docker.sock }\n");
        return sb.ToString();
    }

    /// <summary>Double-quoted YAML scalar; URLs are validated, this only guards quotes and backslashes.</summary>
    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
