using Aerie.Panel.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Operator;

/// <summary><c>aerie node:config --node &lt;id|name&gt; [--public-url URL] [--ssl-cert F --ssl-key F]</c>: prints the node's ready
/// config.yml; its <c>remote</c> is the panel's public URL.</summary>
internal static class NodeConfigCommand
{
    public static Task<int> RunAsync(PanelOptions panel, string nodeRef, string? certPath, string? keyPath, TextWriter output, TextWriter error) =>
        OperatorRunner.RunAsync("node:config", panel, error, async sp =>
        {
            var node = await sp.GetRequiredService<NodeService>().FindAsync(nodeRef, CancellationToken.None);
            var secret = sp.GetRequiredService<NodeSecrets>().TryUnprotect(node.TokenSecretProtected)
                ?? throw new OperatorError("the node secret cannot be decrypted: are --data and its keys/ folder the panel's?");
            await output.WriteAsync(NodeConfigYaml.Render(node, secret, panel.PublicUrl, certPath, keyPath));
        });
}
