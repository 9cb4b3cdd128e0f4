using Aerie.Panel.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Operator;

/// <summary><c>aerie node:config --node &lt;id|name&gt; [--public-url URL]</c>: prints the node's ready config.yml.</summary>
internal static class NodeConfigCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        OperatorRunner.RunAsync("node:config", args, output, error, ["node", "public-url"], null, async (a, sp) =>
        {
            var node = await sp.GetRequiredService<NodeService>().FindAsync(a.Required("node"), CancellationToken.None);
            var secret = sp.GetRequiredService<NodeSecrets>().TryUnprotect(node.TokenSecretProtected)
                ?? throw new OperatorError("the node secret cannot be decrypted: are --data and its keys/ folder the panel's?");
            var panelUrl = a.Optional("public-url") ?? sp.GetRequiredService<PanelOptions>().PublicUrl;
            await output.WriteAsync(NodeConfigYaml.Render(node, secret, panelUrl));
        });
}
