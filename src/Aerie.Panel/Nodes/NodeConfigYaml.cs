using Aerie.Node.Configuration;
using Aerie.Panel.Data;

namespace Aerie.Panel.Nodes;

/// <summary>The node's ready config file (spec 03), so an operator never writes secrets by hand. Built as the
/// node's own <see cref="NodeConfig"/> and printed by its writer: the defaults are the node's, not a copy.</summary>
internal static class NodeConfigYaml
{
    /// <summary>The node serves TLS itself when the panel reaches it over https (its internal URL); the default
    /// files are where Certbot puts a certificate for the node's public name.</summary>
    public static NodeConfig Build(PanelNode node, string secret, string panelUrl, string? certPath = null, string? keyPath = null)
    {
        var internalUri = new Uri(node.InternalUrl);
        var https = internalUri.Scheme == Uri.UriSchemeHttps;
        var live = $"/etc/letsencrypt/live/{node.PublicHost}";
        return new NodeConfig
        {
            Uuid = node.Uuid.ToString(),
            TokenId = node.TokenId,
            Token = secret,
            Remote = panelUrl.TrimEnd('/'),
            Api = new ApiConfig
            {
                Port = internalUri.Port,
                Ssl = new SslConfig
                {
                    Enabled = https,
                    Cert = https ? certPath ?? $"{live}/fullchain.pem" : "",
                    Key = https ? keyPath ?? $"{live}/privkey.pem" : "",
                },
            },
        };
    }

    public static string Render(PanelNode node, string secret, string panelUrl, string? certPath = null, string? keyPath = null) =>
        $"# Aerie node config for node '{node.Name}', printed by the panel. Keys: docs/node.md\n"
        + NodeConfigWriter.ToYaml(Build(node, secret, panelUrl, certPath, keyPath));
}
