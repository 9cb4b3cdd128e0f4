using System.Globalization;
using Aerie.Panel.Data;

namespace Aerie.Panel.Nodes;

/// <summary>The browser-facing addresses of a node (its public scheme/host/port, not the internal URL).</summary>
internal static class NodeUrls
{
    public static string PublicBase(PanelNode node) => $"{node.PublicScheme}://{HostPort(node)}";

    public static string Socket(PanelNode node, Guid serverUuid) =>
        $"{(node.PublicScheme == "https" ? "wss" : "ws")}://{HostPort(node)}/api/servers/{serverUuid}/ws";

    private static string HostPort(PanelNode node)
    {
        var host = node.PublicHost.Contains(':', StringComparison.Ordinal) ? $"[{node.PublicHost}]" : node.PublicHost;
        return string.Create(CultureInfo.InvariantCulture, $"{host}:{node.PublicPort}");
    }
}
